"""What a payer's return page shows: our stored status, refreshed from the provider while still open (or an
order we expired that may still be paid there, decision 0683), at most once per CHECK_EVERY per payment
(decision 0680)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from psycopg import sql
from psycopg.rows import dict_row, scalar_row
from psycopg_pool import ConnectionPool

from automation.db import transaction
from automation.money import format_inr
from automation.providers.errors import ProviderError
from automation.providers.payments import PaymentGateway
from automation.workflows.payment_confirmation import apply_payment_state
from automation.workflows.payment_reconciliation import STILL_PAYABLE, STILL_PAYABLE_FOR

log = logging.getLogger(__name__)

READ = sql.SQL("""
select p.id::text as reference, p.status::text, p.provider::text, p.provider_order_id, p.amount_paise,
       p.received_paise,
       p.currency::text, p.paid_at, p.receipt_number, b.name as batch_name, c.title as course_name,
       p.status in ('created', 'pending') or private.payable_after_failure(p, p.status::text)
       or {still_payable} as open,
       (select r.id::text from public.payments r
         where r.id = (private.payment_link_state(p.id) ->> 'link')::uuid
           and p.status not in ('pending', 'paid', 'refund_pending', 'refunded') and private.link_payable(r)
       ) as pay_again
  from public.payments p
  left join public.batches b on b.id = p.batch_id
  left join public.courses c on c.id = b.course_id
 where p.id = %(payment)s
""").format(still_payable=STILL_PAYABLE)
# Claims the provider check for the payment unless one was made (by anyone: this page, a webhook, the
# reconciler) within the interval; one statement, so of concurrent polls only one asks.
CLAIM = """
update public.payments set status_checked_at = now()
 where id = %s and (status_checked_at is null or status_checked_at <= now() - %s::interval)
returning true
"""
CHECK_EVERY = timedelta(seconds=10)
# pay_again: the link to pay through (the return page offers /pay/<it>) when this payment took no money and
# its link (private.link_payable, decision 0666) still takes payment.


def payer_status(
    pool: ConnectionPool, gateways: Mapping[str, PaymentGateway], payment_id: str
) -> dict[str, Any] | None:
    """The payment's confirmed status (never the redirect's word), or None if there is no such payment.
    An open payment (created or pending, a failed Instamojo link that still takes payment, or an order we
    expired that may still be paid at the provider) is first confirmed with the provider unless it was
    lately; if the provider cannot answer, ours stands."""
    found = _read(pool, payment_id)
    gateway = gateways.get(found["provider"]) if found else None
    if found and found["open"] and found["provider_order_id"] and gateway and _claim_check(pool, payment_id):
        try:
            state = gateway.fetch_status(found["provider_order_id"])
        except ProviderError as error:
            log.warning("payment %s: status refresh failed: %s", payment_id, error)
        else:
            with pool.connection() as conn:
                apply_payment_state(conn, state)
            found = _read(pool, payment_id)
    return _shown(found) if found else None


def _claim_check(pool: ConnectionPool, payment_id: str) -> bool:
    with transaction(pool) as conn:
        return bool(conn.cursor(row_factory=scalar_row).execute(CLAIM, (payment_id, CHECK_EVERY)).fetchone())


def _read(pool: ConnectionPool, payment_id: str) -> dict[str, Any] | None:
    with transaction(pool) as conn:
        params = {**STILL_PAYABLE_FOR, "payment": payment_id}
        return conn.cursor(row_factory=dict_row).execute(READ, params).fetchone()


def _shown(found: Mapping[str, Any]) -> dict[str, Any]:
    described = " · ".join(part for part in (found["course_name"], found["batch_name"]) if part)
    return {
        "reference": found["reference"],
        # A refund the center started is not the payer's business until it lands: still paid to them.
        "status": "paid" if found["status"] == "refund_pending" else found["status"],
        "amount_paise": found["amount_paise"],
        "currency": found["currency"],
        "amount": format_inr(found["amount_paise"]),
        "description": described or None,
        "course": found["course_name"],
        "batch": found["batch_name"],
        "paid_at": found["paid_at"].isoformat() if found["paid_at"] else None,
        "receipt_number": found["receipt_number"],
        "short_by": _short_by(found),
        "pay_again": found["pay_again"],
    }


def _short_by(found: Mapping[str, Any]) -> str | None:
    """What a payment paid short still lacks, in ₹ (decision 0668: held, no seat until settled)."""
    received = found["received_paise"]
    if received is None or received >= found["amount_paise"]:
        return None
    return format_inr(found["amount_paise"] - received)
