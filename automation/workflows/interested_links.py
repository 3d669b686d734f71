"""A lead marked interested gets a payment link at once, when the center's setting says so."""

from __future__ import annotations

from psycopg import Connection
from psycopg.rows import dict_row

from automation.workflows.payment_links import LinkOrder, LinkRoutes, create_payment_link

# The setting, and the lead's course's next open batch with a free seat, unless the lead already has an
# open or paid link for it.
NEXT_BATCH = """
select s.send_payment_link_when_interested as wanted, b.id::text as batch_id, l.status::text as status
  from public.automation_settings s
  join public.leads l on l.id = %s
  left join lateral (
    select b.id from public.batches b
     where b.course_id = l.course_id and b.status = 'open' and b.starts_on >= current_date
       and (b.capacity is null or b.active_enrollments < b.capacity)
     order by b.starts_on, b.id limit 1
  ) b on true
 where not exists (
   select 1 from public.payments p
    where p.lead_id = l.id and p.batch_id = b.id
      and p.status in ('created', 'pending', 'paid', 'refund_pending'))
 limit 1
"""


def link_when_interested(
    conn: Connection, lead_id: str, routes: LinkRoutes, provider: str | None, admin_id: str | None
) -> str | None:
    """In the caller's transaction (which holds the lead's row lock from its status change): when
    automation_settings.send_payment_link_when_interested is on and the lead is interested, make a payment
    link for its course's next open batch; the outbox makes and sends it. Returns the payment id, or None
    when nothing is due (setting off, payments off, no course or open batch, a link already out)."""
    found = conn.cursor(row_factory=dict_row).execute(NEXT_BATCH, (lead_id,)).fetchone()
    due = found and found["wanted"] and found["status"] == "interested" and found["batch_id"]
    if provider is None or not due:
        return None
    made = create_payment_link(conn, LinkOrder(found["batch_id"], lead_id), routes, provider, admin_id)
    return made["payment_id"]
