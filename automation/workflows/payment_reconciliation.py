"""Reconciliation: ask the providers about every open payment and refund in flight that is due, so a lost
webhook still settles. Open: created or pending, and a failed Instamojo payment whose link has not lapsed
(only those keep a next check, see private.payable_after_failure). An order we expired is asked about while
its payer may still pay it at the provider (STILL_PAYABLE, decision 0683). A refund in flight with no
provider reference yet (its answer was lost, or it was never sent) is looked up at the provider by our
reference."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from automation.db import transaction
from automation.providers.errors import ProviderError
from automation.providers.payments import PaymentGateway
from automation.providers.phonepe import ORDER_LIFETIME_SECONDS
from automation.providers.phonepe_polling import GIVE_UP_AFTER, next_status_check
from automation.workflows.payment_confirmation import apply_payment_state
from automation.workflows.refunds import record_refund, refused, settle_refund

log = logging.getLogger(__name__)

# An order we expired (a renewal replaced it, its link was closed, the batch was paid through another link)
# that its payer may still pay at the provider, with the checkout open: a PhonePe order until PhonePe lapsed
# it (made + ORDER_LIFETIME at the latest) and an attempt begun by then has timed out (GIVE_UP_AFTER); an
# Instamojo link until its disabling reached Instamojo (a disabled link takes no attempt) plus GIVE_UP_AFTER
# for an attempt begun before; one whose disabling never went out (dead, cancelled) still takes payment.
# Selected by these facts, not by next_status_check_at, which expiring an order clears.
# Spelled as two whole branches so each reads its range of payments_expired_orders_idx.
STILL_PAYABLE = sql.SQL("""(
     p.status = 'expired' and p.provider_order_id is not null and p.provider = 'phonepe'
     and p.order_made_at > now() - %(phonepe_payable)s
  or p.status = 'expired' and p.provider_order_id is not null and p.provider = 'instamojo'
     and not exists (select from public.outbox d
                      where d.idempotency_key = 'disable_payment_link:' || p.id and d.status = 'sent'
                        and d.sent_at <= now() - %(grace)s))""")
STILL_PAYABLE_FOR = {
    "phonepe_payable": timedelta(seconds=ORDER_LIFETIME_SECONDS) + GIVE_UP_AFTER,
    "grace": GIVE_UP_AFTER,
}
CLAIM = sql.SQL("""
select p.id, p.status::text, p.provider::text, p.provider_order_id, p.provider_payment_id, p.refund_reference,
       p.refund_provider_ref, p.created_at, p.pending_since, p.expires_at, now() as now,
       o.status::text as refund_outbox, o.last_error as refund_error
  from public.payments p
  left join public.outbox o
    on p.refund_provider_ref is null and o.idempotency_key = 'refund:' || p.refund_reference
 where p.next_status_check_at <= now()
   and (p.status in ('created', 'pending', 'failed') and p.provider_order_id is not null
        or p.status = 'refund_pending')
    or coalesce(p.next_status_check_at, '-infinity') <= now() and {still_payable}
 order by p.next_status_check_at nulls first
 limit %(limit)s
   for update of p skip locked
""").format(still_payable=STILL_PAYABLE)
NOT_SENT = "select private.alert_refund_not_sent(%s, %s)"
# An unsent refund's outbox row in one of these states will still be sent: wait for it.
STILL_SENDING = {"pending", "processing", "paused"}
CANCELLED = "its request was cancelled under Outbox before it reached the provider"
RESCHEDULE = "update public.payments set next_status_check_at = %s where id = %s"
EARLY_EVERY = timedelta(minutes=1)  # Instamojo, while a payer may still be at the checkout
LATE_EVERY = timedelta(minutes=10)  # both, once the first 20 minutes are over, until the link lapses
LINK_GRACE = timedelta(days=1)  # a payment can settle a little after its link's expiry
UNDATED_LINK_LIFETIME = timedelta(days=7)


@dataclass(frozen=True)
class Report:
    checked: int
    moved: int
    failed: int


def next_check(
    provider: str, started_at: datetime, expires_at: datetime | None, now: datetime
) -> datetime | None:
    """When to ask about an open payment next: PhonePe's mandated schedule from `started_at` (when the
    attempt was first seen pending, else when the payment was made), Instamojo every minute, both every ten
    minutes after 20 minutes, and never again a day after the link lapsed."""
    if now > (expires_at or started_at + UNDATED_LINK_LIFETIME) + LINK_GRACE:
        return None
    return _cadence(provider, started_at, now)


def _cadence(provider: str, started_at: datetime, now: datetime) -> datetime:
    if provider == "phonepe":
        return next_status_check(started_at, now) or now + LATE_EVERY
    return now + (EARLY_EVERY if now - started_at < GIVE_UP_AFTER else LATE_EVERY)


def _next_for_claimed(payment: Mapping[str, Any]) -> datetime | None:
    """A claimed payment's next check. An expired order keeps its cadence: STILL_PAYABLE ends its checks."""
    now, started = payment["now"], payment["pending_since"] or payment["created_at"]
    if payment["status"] == "refund_pending":  # a bank may take days: every ten minutes until settled
        return now + LATE_EVERY
    if payment["status"] == "expired":
        return _cadence(payment["provider"], started, now)
    return next_check(payment["provider"], started, payment["expires_at"], now)


def reconcile(pool: ConnectionPool, gateways: Mapping[str, PaymentGateway], limit: int = 100) -> Report:
    """Check up to `limit` due payments. Safe on many instances: a claimed payment is rescheduled in the
    claiming transaction, so others skip it; a provider error just waits for the next scheduled check."""
    due = _claim(pool, limit)
    moved = failed = 0
    for payment in due:
        try:
            moved += _check(pool, gateways.get(payment["provider"]), payment)
        except (ProviderError, LookupError) as error:
            log.warning("payment %s: status check failed: %s", payment["id"], error)
            failed += 1
    return Report(len(due), moved, failed)


def _check(pool: ConnectionPool, gateway: PaymentGateway | None, payment: Mapping[str, Any]) -> bool:
    """Ask the provider about the payment (or its refund in flight) and apply the answer; True if it moved."""
    if gateway is None:
        raise LookupError(f"{payment['provider']} is not configured; set its credentials")
    if payment["status"] == "refund_pending" and payment["refund_provider_ref"] is None:
        return _check_unsent_refund(pool, gateway, payment)
    if payment["status"] == "refund_pending":
        refund = gateway.refund_status(payment["refund_provider_ref"])
        with pool.connection() as conn:
            return settle_refund(conn, payment["provider"], payment["provider_order_id"], refund) is not None
    state = gateway.fetch_status(payment["provider_order_id"])
    with pool.connection() as conn:  # one statement: no transaction of our own needed
        return apply_payment_state(conn, state) is not None


def _check_unsent_refund(pool: ConnectionPool, gateway: PaymentGateway, payment: Mapping[str, Any]) -> bool:
    """A refund in flight the provider never gave a reference for: adopt it if the provider has it; settle it
    as not made if an admin cancelled its request; tell the admins once if its request died."""
    payment_id, reference = str(payment["id"]), payment["refund_reference"]
    found = gateway.find_refund(reference, payment["provider_payment_id"])
    outbox = payment["refund_outbox"]
    with transaction(pool) as conn:
        if found is None and outbox == "cancelled":
            found = refused(gateway.provider, reference, reason=CANCELLED)
        if found is not None:
            record_refund(conn, payment_id, reference, found)
            return True
        if outbox not in STILL_SENDING:
            conn.execute(NOT_SENT, (payment_id, payment["refund_error"]))
    return False


def _claim(pool: ConnectionPool, limit: int) -> list[dict[str, Any]]:
    with transaction(pool) as conn:
        params = {**STILL_PAYABLE_FOR, "limit": limit}
        due = conn.cursor(row_factory=dict_row).execute(CLAIM, params).fetchall()
        for payment in due:
            conn.execute(RESCHEDULE, (_next_for_claimed(payment), payment["id"]))
    return due
