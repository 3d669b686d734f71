"""A provider's confirmed state of a payment, applied once under a row lock: paid, failed or refunded.

The state change is one SQL function (private.apply_payment_state): one round trip on an idle connection.
Only the welcome's templates are rendered here, for the account the database says will be enrolled."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import scalar_row
from psycopg.types.json import Jsonb

from automation.providers.payments import PaymentState, PaymentStatus
from automation.workflows.enrollment_messages import welcome

APPLY = "select private.apply_payment_state(%s, %s, %s, %s, %s, %s, %s, %s)"
DETAILS = """
select private.welcome_details(p.id, private.payment_student(p))
  from public.payments p where p.provider = %s and p.provider_order_id = %s
"""
STALE_WELCOME = "CB001"  # private.convert_paid: the welcome was rendered for another account


class UnknownPayment(LookupError):
    """A provider told us about a payment link we never made (or made in another environment)."""


def apply_payment_state(
    conn: psycopg.Connection,
    state: PaymentState,
    *,
    details: Mapping[str, Any] | None = None,
    event_id: str | None = None,
) -> PaymentStatus | None:
    """Store what the provider confirmed and act on it once; returns the new status, or None if the
    report changed nothing (late, duplicated or out of order). `details` (private.welcome_details, when
    the caller already has them) saves a read; `event_id` names the webhook event to mark processed in
    the same transaction. Raises UnknownPayment."""
    for _ in range(2):
        if state.status is PaymentStatus.PAID and details is None:
            details = _details(conn, state)
        try:
            moved = _apply(conn, state, welcome(details) if details is not None else None, event_id)
        except psycopg.errors.NoDataFound as error:
            unknown = f"no {state.provider} payment with reference {state.provider_ref!r}"
            raise UnknownPayment(unknown) from error
        except psycopg.DatabaseError as error:
            if error.sqlstate != STALE_WELCOME:
                raise
            details = None  # an account appeared meanwhile: render its welcome and try once more
            continue
        return PaymentStatus(moved) if moved else None
    raise psycopg.errors.SerializationFailure("the paying account kept changing; retry the confirmation")


def _details(conn: psycopg.Connection, state: PaymentState) -> Mapping[str, Any] | None:
    cursor = conn.cursor(row_factory=scalar_row)
    return cursor.execute(DETAILS, (state.provider, state.provider_ref)).fetchone()


def _apply(
    conn: psycopg.Connection, state: PaymentState, rendered: Mapping[str, Any] | None, event_id: str | None
) -> str | None:
    values = (
        state.provider, state.provider_ref, str(state.status), state.provider_payment_id,
        state.failure_reason, Jsonb(dict(state.raw)), Jsonb(rendered) if rendered else None, event_id,
    )  # fmt: skip
    cursor = conn.cursor(row_factory=scalar_row)
    if conn.autocommit and conn.info.transaction_status == TransactionStatus.IDLE:
        return cursor.execute(APPLY, values).fetchone()
    with conn.transaction():  # a savepoint: a stale welcome is retried inside the caller's transaction
        return cursor.execute(APPLY, values).fetchone()
