"""Fee reminders: on the center's cadence from the day a link was sent, while the link takes payment (its
order may have lapsed: the link's page makes a new one); never to an enrolled student, a payer whose payment
is in progress, a lead marked lost, or about a link the admin replaced with a newer one."""

from __future__ import annotations

import psycopg
from psycopg.rows import dict_row

from automation.app_links import AppLinks
from automation.workflows.payment_links import link_details, send_link_message

# The latest cadence day (automation_settings.fee_reminder_days) each sent link has reached, when its reminder
# for that day is not in the outbox yet and the link still takes payment (private.link_payable: not paid,
# enrolled, lost, closed, replaced, nor being paid right now). Links whose cadence ended are not looked at.
DUE = """
select p.id, max(d.day) as day
  from public.payments p
  cross join public.automation_settings s
  cross join lateral unnest(s.fee_reminder_days) d(day)
 where p.renews is null and p.payment_url is not null and p.status in ('created', 'failed', 'expired')
   and p.created_at + make_interval(days => d.day) <= now()
   and p.created_at > now() - make_interval(days => (select max(x) from unnest(s.fee_reminder_days) x) + 1)
   and private.link_payable(p)
 group by p.id
having not exists (
  select 1 from public.outbox o
   where o.idempotency_key in ('fee_reminder:email:' || p.id || ':' || max(d.day),
                               'fee_reminder:whatsapp:' || p.id || ':' || max(d.day)))
 limit %s
"""


def send_fee_reminders(conn: psycopg.Connection, links: AppLinks, limit: int = 500) -> int:
    """Enqueue the due reminders (email and WhatsApp) with the link's page; returns how many links were
    reminded. Safe on many instances: each reminder's dedupe key is unique in the outbox."""
    due = conn.cursor(row_factory=dict_row).execute(DUE, (limit,)).fetchall()
    for row in due:
        link = link_details(conn, str(row["id"]))
        send_link_message(conn, link, "fee_reminder", links, f":{row['day']}")
    return len(due)
