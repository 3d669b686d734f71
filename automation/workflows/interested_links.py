"""A lead marked interested gets a payment link at once, when the center's setting says so."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from psycopg import Connection
from psycopg.rows import tuple_row

from automation.workflows.payment_links import LinkError, LinkOrder, LinkRoutes, create_payment_link

log = logging.getLogger(__name__)
# With the setting on: each of the interested leads whose course has a next open batch (starting today or
# later at the center, whatever the session's time zone) with a free seat, and that batch, unless the lead
# already has an open or paid link for it, or could not become a student (no email and no account:
# create_payment_link refuses them).
NEXT_BATCHES = """
select l.id::text, b.id::text
  from public.leads l
  join lateral (
    select b.id from public.batches b
     where b.course_id = l.course_id and b.status = 'open'
       and b.starts_on >= (select private.center_today())
       and (b.capacity is null or b.active_enrollments < b.capacity)
     order by b.starts_on, b.id limit 1
  ) b on true
 where l.id = any(%s::uuid[]) and l.status = 'interested'
   and (l.email is not null or l.converted_profile_id is not null)
   and (select s.send_payment_link_when_interested from public.automation_settings s)
   and not exists (
     select 1 from public.payments p
      where p.lead_id = l.id and p.batch_id = b.id
        and p.status in ('created', 'pending', 'paid', 'refund_pending'))
 order by l.id
"""


def link_when_interested(
    conn: Connection, lead_id: str, routes: LinkRoutes, provider: str | None, admin_id: str | None
) -> str | None:
    """In the caller's transaction (which holds the lead's row lock from its status change): when
    automation_settings.send_payment_link_when_interested is on and the lead is interested, make a payment
    link for its course's next open batch; the outbox makes and sends it. Returns the payment id, or None
    when nothing is due (setting off, payments off, no course or open batch, a link already out).
    A link the rules refuse (LinkError, e.g. a free course) is logged and not made."""
    return next(iter(links_when_interested(conn, [lead_id], routes, provider, admin_id)), None)


def links_when_interested(
    conn: Connection, lead_ids: Sequence[str], routes: LinkRoutes, provider: str | None, admin_id: str | None
) -> list[str]:
    """link_when_interested for many leads, with one query for what is due; the payment ids made. A lead
    whose link is refused (LinkError, e.g. a free course) is logged and left without one."""
    if provider is None:
        return []
    made: list[str] = []
    for order in _due(conn, lead_ids):
        try:
            with conn.transaction():
                made.append(create_payment_link(conn, order, routes, provider, admin_id)["payment_id"])
        except LinkError as error:
            log.warning("no payment link for an interested lead", extra={"lead": order.lead_id, "why": error})
    return made


def _due(conn: Connection, lead_ids: Sequence[str]) -> list[LinkOrder]:
    due = conn.cursor(row_factory=tuple_row).execute(NEXT_BATCHES, (list(lead_ids),)).fetchall()
    return [LinkOrder(batch_id, lead_id) for lead_id, batch_id in due]
