"""Reconciliation: ask the providers about every open payment and refund in flight that is due, so a lost
webhook still settles. Open: created or pending, and a failed Instamojo payment whose link has not lapsed
(only those keep a next check, see private.payable_after_failure). A refund in flight with no provider
reference yet (its answer was lost, or it was never sent) is looked up at the provider by our reference."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from automation.db import transaction
from automation.providers.errors import ProviderError
from automation.providers.payments import PaymentGateway
from automation.providers.phonepe_polling import GIVE_UP_AFTER, next_status_check
from automation.workflows.payment_confirmation import apply_payment_state
from automation.workflows.refunds import record_refund, refused, settle_refund

log = logging.getLogger(__name__)

CLAIM = """
select p.id, p.status::text, p.provider::text, p.provider_order_id, p.provider_payment_id, p.refund_reference,
       p.refund_provider_ref, p.created_at, p.expires_at, now() as now,
       o.status::text as refund_outbox, o.last_error as refund_error
  from public.payments p
  left join public.outbox o
    on p.refund_provider_ref is null and o.idempotency_key = 'refund:' || p.refund_reference
 where p.next_status_check_at <= now()
   and (p.status in ('created', 'pending', 'failed') and p.provider_order_id is not null
        or p.status = 'refund_pending')
 order by p.next_status_check_at
 limit %s
   for update of p skip locked
"""
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
    provider: str, created_at: datetime, expires_at: datetime | None, now: datetime
) -> datetime | None:
    """When to ask about an open payment next: PhonePe's mandated schedule, Instamojo every minute, both
    every ten minutes after 20 minutes, and never again a day after the link lapsed."""
    if now > (expires_at or created_at + UNDATED_LINK_LIFETIME) + LINK_GRACE:
        return None
    if provider == "phonepe":
        return next_status_check(created_at, now) or now + LATE_EVERY
    return now + (EARLY_EVERY if now - created_at < GIVE_UP_AFTER else LATE_EVERY)


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
        due = conn.cursor(row_factory=dict_row).execute(CLAIM, (limit,)).fetchall()
        for payment in due:
            when = next_check(*(payment[k] for k in ("provider", "created_at", "expires_at", "now")))
            if payment["status"] == "refund_pending":  # a bank may take days: every ten minutes until settled
                when = payment["now"] + LATE_EVERY
            conn.execute(RESCHEDULE, (when, payment["id"]))
    return due
