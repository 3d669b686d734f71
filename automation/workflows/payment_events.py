"""A verified payment webhook: recorded once, confirmed with the provider's status API, then applied."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from enum import StrEnum

from psycopg.rows import scalar_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from automation.db import transaction
from automation.providers.errors import ProviderError
from automation.providers.payments import (
    PaymentEvent,
    PaymentGateway,
    PaymentState,
    PaymentStatus,
    RefundStatus,
)
from automation.workflows.payment_confirmation import UnknownPayment, apply_payment_state

log = logging.getLogger(__name__)

RECORD = """
insert into public.webhook_events
       (provider, event_id, event_type, signature_verified, headers, raw_body, payload)
values (%s, %s, %s, true, %s, %s, %s)
on conflict (provider, event_id) do nothing
returning id
"""
ALREADY_PROCESSED = """
select processed_at is not null from public.webhook_events where provider = %s and event_id = %s
"""
FINISH = """
update public.webhook_events
   set attempts = attempts + 1, processed_at = case when %s then now() end, error = %s
 where provider = %s and event_id = %s
"""


class Outcome(StrEnum):
    APPLIED = "applied"  # the event moved the payment on
    UNCHANGED = "unchanged"  # the provider's state was already ours (late, duplicated, out of order)
    DUPLICATE = "duplicate"  # this event was processed before
    DEFERRED = "deferred"  # could not confirm now; reconciliation finishes the job


def receive(
    pool: ConnectionPool,
    gateway: PaymentGateway,
    event: PaymentEvent,
    headers: Mapping[str, str],
    body: bytes,
) -> Outcome:
    """Record the event once, confirm it with the provider and apply the confirmed state."""
    if not _record(pool, event, headers, body):
        return Outcome.DUPLICATE
    try:
        state = confirmed_state(gateway, event)
        with transaction(pool) as conn:
            moved = apply_payment_state(conn, state)
            conn.execute(FINISH, (True, None, event.provider, event.event_id))
    except (ProviderError, UnknownPayment) as error:
        log.warning("payment event %s/%s not applied: %s", event.provider, event.event_id, error)
        with transaction(pool) as conn:
            conn.execute(FINISH, (False, str(error), event.provider, event.event_id))
        return Outcome.DEFERRED
    return Outcome.UNCHANGED if moved is None else Outcome.APPLIED


def _record(pool: ConnectionPool, event: PaymentEvent, headers: Mapping[str, str], body: bytes) -> bool:
    """Store the raw event; False when the same event was already processed."""
    kind = "refund" if event.refund_ref else str(event.status)
    with transaction(pool) as conn:
        values = (event.provider, event.event_id, kind, Jsonb(dict(headers)), body.decode(errors="replace"))
        if conn.execute(RECORD, (*values, Jsonb(json.loads(json.dumps(dict(event.raw)))))).fetchone():
            return True
        done = conn.cursor(row_factory=scalar_row).execute(
            ALREADY_PROCESSED, (event.provider, event.event_id)
        )
        return not done.fetchone()


def confirmed_state(gateway: PaymentGateway, event: PaymentEvent) -> PaymentState:
    """The provider's own answer about what the event claims; never the event's word alone."""
    if event.refund_ref is None:
        return gateway.fetch_status(event.provider_ref)
    refund = gateway.refund_status(event.refund_ref)
    status = PaymentStatus.REFUNDED if refund.status is RefundStatus.COMPLETED else PaymentStatus.PAID
    return PaymentState(event.provider, event.provider_ref, status, refund.amount_paise, raw=refund.raw)
