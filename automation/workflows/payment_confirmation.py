"""A provider's confirmed state of a payment, applied once under a row lock: paid, failed or refunded.

The state change is one SQL function (private.apply_payment_state): one round trip on an idle connection.
It queues the paid student's welcome with the facts to render; the worker renders it at send time."""

from __future__ import annotations

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import scalar_row
from psycopg.types.json import Jsonb

from automation.providers.payments import PaymentState, PaymentStatus

APPLY = "select private.apply_payment_state(%s, %s, %s, %s, %s, %s, %s, %s)"


class UnknownPayment(LookupError):
    """A provider told us about a payment link we never made (or made in another environment)."""


def apply_payment_state(
    conn: psycopg.Connection, state: PaymentState, *, event_id: str | None = None
) -> PaymentStatus | None:
    """Store what the provider confirmed and act on it once; returns the new status, or None if the
    report changed nothing (late, duplicated or out of order). A paid state for less than the payment
    asked is paid short: stored, noted and notified, but the payer is not enrolled. `event_id` names the
    webhook event to mark processed in the same transaction. Raises UnknownPayment."""
    try:
        moved = _apply(conn, state, event_id)
    except psycopg.errors.NoDataFound as error:
        unknown = f"no {state.provider} payment with reference {state.provider_ref!r}"
        raise UnknownPayment(unknown) from error
    return PaymentStatus(moved) if moved else None


def _apply(conn: psycopg.Connection, state: PaymentState, event_id: str | None) -> str | None:
    values = (
        state.provider, state.provider_ref, str(state.status), state.amount_paise, state.provider_payment_id,
        state.failure_reason, Jsonb(dict(state.raw)), event_id,
    )  # fmt: skip
    cursor = conn.cursor(row_factory=scalar_row)
    if conn.autocommit and conn.info.transaction_status == TransactionStatus.IDLE:
        return cursor.execute(APPLY, values).fetchone()
    with conn.transaction():  # a savepoint: a failure leaves the caller's transaction usable
        return cursor.execute(APPLY, values).fetchone()
