"""A verified payment webhook: recorded once, confirmed with the provider's status API, then applied.

Two round trips for an event that moves a payment (record, apply), one for an event about a payment that
is already there (recorded and marked processed in one statement) and for a copy of an event that another
request is acting on; neither of those asks the provider."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from psycopg.errors import NoDataFound
from psycopg.rows import scalar_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from automation.db import transaction
from automation.providers.errors import ProviderError
from automation.providers.payments import PaymentEvent, PaymentGateway, PaymentStatus
from automation.workflows.payment_confirmation import UnknownPayment, apply_payment_state
from automation.workflows.refunds import settle_refund

log = logging.getLogger(__name__)

RECORD = "select private.record_payment_event(%s, %s, %s, %s, %s, %s, %s, %s, %s)"
FINISH = """
update public.webhook_events
   set attempts = attempts + 1, processed_at = case when %s then now() end, error = %s
 where provider = %s and event_id = %s
"""


class Outcome(StrEnum):
    APPLIED = "applied"  # the event moved the payment on
    UNCHANGED = "unchanged"  # the provider's state was already ours (late, duplicated, out of order)
    DUPLICATE = "duplicate"  # this event was processed before
    IN_PROGRESS = "in_progress"  # a copy of this event is being acted on right now
    DEFERRED = "deferred"  # could not confirm now; reconciliation finishes the job
    STALE = "stale"  # verified with credentials that changed since: nothing written, verify again


def receive(
    pool: ConnectionPool,
    gateway: PaymentGateway,
    event: PaymentEvent,
    headers: Mapping[str, str],
    body: bytes,
    *,
    credentials_stamp: str | None = None,
) -> Outcome:
    """Record the event once, confirm it with the provider and apply the confirmed state. The provider is
    not asked when the payment is already at or past what the event claims. `credentials_stamp`: that of
    the credentials the event was verified with, checked as it is recorded (STALE when it changed)."""
    recorded = _record(pool, event, headers, body, credentials_stamp)
    if recorded["outcome"] in {"duplicate", "in_progress", "stale"}:
        return Outcome(recorded["outcome"])
    if recorded["outcome"] == "settled":
        return Outcome.UNCHANGED
    try:
        moved = _confirm_and_apply(pool, gateway, event)
    except (ProviderError, UnknownPayment, NoDataFound) as error:
        log.warning("payment event %s/%s not applied: %s", event.provider, event.event_id, error)
        with transaction(pool) as conn:
            conn.execute(FINISH, (False, str(error), event.provider, event.event_id))
        return Outcome.DEFERRED
    return Outcome.UNCHANGED if moved is None else Outcome.APPLIED


def _record(
    pool: ConnectionPool, event: PaymentEvent, headers: Mapping[str, str], body: bytes, stamp: str | None
) -> dict[str, Any]:
    """Store the raw event (one statement): stale, duplicate, in progress, settled or open."""
    claimed = PaymentStatus.REFUNDED if event.refund_ref else event.status
    kind = "refund" if event.refund_ref else str(event.status)
    values = (
        event.provider, event.event_id, kind, Jsonb(dict(headers)), body.decode(errors="replace"),
        Jsonb(dict(event.raw)), event.provider_ref, str(claimed), stamp,
    )  # fmt: skip
    with pool.connection() as conn:
        return conn.cursor(row_factory=scalar_row).execute(RECORD, values).fetchone()


def _confirm_and_apply(pool: ConnectionPool, gateway: PaymentGateway, event: PaymentEvent) -> str | None:
    """The provider's own answer about what the event claims, applied; never the event's word alone."""
    if event.refund_ref is None:
        state = gateway.fetch_status(event.provider_ref)
        with pool.connection() as conn:
            return apply_payment_state(conn, state, event_id=event.event_id)
    refund = gateway.refund_status(event.refund_ref)
    with pool.connection() as conn:
        return settle_refund(conn, event.provider, event.provider_ref, refund, event.event_id)
