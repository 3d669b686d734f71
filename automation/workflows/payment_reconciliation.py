"""Reconciliation: ask the providers about every open payment and refund in flight that is due, so a lost
webhook still settles. Open: created or pending, and a failed Instamojo payment whose link has not lapsed
(only those keep a next check, see private.payable_after_failure)."""

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
from automation.workflows.refunds import settle_refund

log = logging.getLogger(__name__)

CLAIM = """
select id, status::text, provider::text, provider_order_id, refund_provider_ref, created_at, expires_at,
       now() as now
  from public.payments
 where next_status_check_at <= now()
   and (status in ('created', 'pending', 'failed') and provider_order_id is not null
        or status = 'refund_pending' and refund_provider_ref is not null)
 order by next_status_check_at
 limit %s
   for update skip locked
"""
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
    if payment["status"] == "refund_pending":
        refund = gateway.refund_status(payment["refund_provider_ref"])
        with pool.connection() as conn:
            return settle_refund(conn, payment["provider"], payment["provider_order_id"], refund) is not None
    state = gateway.fetch_status(payment["provider_order_id"])
    with pool.connection() as conn:  # one statement: no transaction of our own needed
        return apply_payment_state(conn, state) is not None


def _claim(pool: ConnectionPool, limit: int) -> list[dict[str, Any]]:
    with transaction(pool) as conn:
        due = conn.cursor(row_factory=dict_row).execute(CLAIM, (limit,)).fetchall()
        for payment in due:
            when = next_check(*(payment[k] for k in ("provider", "created_at", "expires_at", "now")))
            if payment["status"] == "refund_pending":  # a bank may take days: every ten minutes until settled
                when = payment["now"] + LATE_EVERY
            conn.execute(RESCHEDULE, (when, payment["id"]))
    return due
