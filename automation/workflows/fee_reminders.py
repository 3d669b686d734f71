"""Fee reminders: on the center's cadence until paid or the link lapses; never to an enrolled student, a
payer whose payment is in progress, or a lead marked lost."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.rows import dict_row

from automation.workflows.payment_links import link_details, send_link_message

# The latest cadence day (automation_settings.fee_reminder_days) each unpaid link has reached, when its
# reminder for that day is not in the outbox yet and nobody paid for, or enrolled the payer in, that batch.
# A link being paid right now (pending at the provider) is not reminded, nor a lead the admin marked lost.
DUE = """
select p.id, max(d.day) as day
  from public.payments p
  cross join public.automation_settings s
  cross join lateral unnest(s.fee_reminder_days) d(day)
 where p.status = 'created' and p.payment_url is not null
   and (p.expires_at is null or p.expires_at > now())
   and p.created_at + make_interval(days => d.day) <= now()
   and not exists (select 1 from public.leads l where l.id = p.lead_id and l.status = 'lost')
   and not exists (
     select 1 from public.payments q
      where q.batch_id = p.batch_id and q.status = 'paid'
        and (q.lead_id = p.lead_id or q.profile_id = p.profile_id))
   and not exists (
     select 1 from public.enrollments e
      where e.batch_id = p.batch_id and e.status in ('active', 'completed')
        and e.student_id in (p.profile_id,
                             (select l.converted_profile_id from public.leads l where l.id = p.lead_id)))
 group by p.id
having not exists (
  select 1 from public.outbox o
   where o.idempotency_key in ('fee_reminder:email:' || p.id || ':' || max(d.day),
                               'fee_reminder:whatsapp:' || p.id || ':' || max(d.day)))
 limit %s
"""
CANCEL_PENDING = """
update public.outbox set status = 'cancelled', last_error = 'paid'
 where status in ('pending', 'paused') and idempotency_key like 'fee_reminder:%%' and cause_table = 'payments'
   and cause_id in (select q.id::text from public.payments q
                     where q.batch_id = %(batch)s and (q.lead_id = %(lead)s or q.profile_id = %(profile)s))
"""


def send_fee_reminders(conn: psycopg.Connection, limit: int = 500) -> int:
    """Enqueue the due reminders (email and WhatsApp); returns how many links were reminded. Safe on many
    instances: each reminder's dedupe key is unique in the outbox."""
    due = conn.cursor(row_factory=dict_row).execute(DUE, (limit,)).fetchall()
    for row in due:
        send_link_message(conn, link_details(conn, str(row["id"])), "fee_reminder", f":{row['day']}")
    return len(due)


def cancel_fee_reminders(conn: psycopg.Connection, payment: Mapping[str, Any]) -> None:
    """A payment for this payer and batch succeeded: reminders still waiting in the outbox are cancelled."""
    params = {"batch": payment["batch_id"], "lead": payment["lead_id"], "profile": payment["profile_id"]}
    conn.execute(CANCEL_PENDING, params)
