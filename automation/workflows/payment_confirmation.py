"""A provider's confirmed state of a payment, applied once under a row lock: paid, failed or refunded."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from automation.money import format_inr
from automation.providers.payments import PaymentState, PaymentStatus, moves_forward
from automation.workflows import enrollment, timeline

LOCK_PAYMENT = """
select p.*, b.name as batch_name
  from public.payments p left join public.batches b on b.id = p.batch_id
 where p.provider = %s and p.provider_order_id = %s
   for update of p
"""
STORE_STATE = """
update public.payments
   set status = %(status)s::public.payment_status,
       provider_payment_id = coalesce(provider_payment_id, %(payment_id)s),
       failure_reason = case when %(status)s::text = 'failed' then %(reason)s else failure_reason end,
       refunded_paise = case when %(status)s::text = 'refunded' then amount_paise else refunded_paise end,
       raw = %(raw)s,
       status_checked_at = now(),
       next_status_check_at = case when %(status)s::text in ('created', 'pending')
                                   then next_status_check_at end
 where id = %(id)s
"""
SETTLED = {PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.REFUNDED}


class UnknownPayment(LookupError):
    """A provider told us about a payment link we never made (or made in another environment)."""


def our_status(stored: str) -> PaymentStatus:
    """The stored status in the gateway vocabulary: a lapsed (expired) link can still be paid late."""
    return PaymentStatus.FAILED if stored == "expired" else PaymentStatus(stored)


def apply_payment_state(conn: psycopg.Connection, state: PaymentState) -> PaymentStatus | None:
    """Store what the provider confirmed and act on it once; returns the new status, or None if the
    report changed nothing (late, duplicated or out of order). Raises UnknownPayment."""
    payment = (
        conn.cursor(row_factory=dict_row)
        .execute(LOCK_PAYMENT, (state.provider, state.provider_ref))
        .fetchone()
    )
    if payment is None:
        raise UnknownPayment(f"no {state.provider} payment with reference {state.provider_ref!r}")
    if not moves_forward(our_status(payment["status"]), state.status):
        conn.execute("update public.payments set status_checked_at = now() where id = %s", (payment["id"],))
        return None
    _store(conn, payment, state)
    ACTIONS.get(state.status, _nothing)(conn, {**payment, "status": str(state.status)}, state)
    return state.status


def _store(conn: psycopg.Connection, payment: Mapping[str, Any], state: PaymentState) -> None:
    conn.execute(
        STORE_STATE,
        {
            "id": payment["id"],
            "status": str(state.status),
            "payment_id": state.provider_payment_id,
            "reason": state.failure_reason or "declined",
            "raw": Jsonb(dict(state.raw)),
        },
    )


def _on_failed(conn: psycopg.Connection, payment: Mapping[str, Any], state: PaymentState) -> None:
    """The lead stays at payment_sent (an admin can send a new link); the timeline says what happened."""
    reason = state.failure_reason or "declined"
    timeline.note(
        conn,
        payment["lead_id"],
        payment["profile_id"],
        f"Payment of {format_inr(payment['amount_paise'])} failed ({reason}); a new link can be sent.",
    )


def _nothing(*_args: object) -> None:
    """Created and pending need no action: reconciliation keeps asking until they settle."""


ACTIONS: dict[PaymentStatus, Callable[[psycopg.Connection, Mapping[str, Any], PaymentState], None]] = {
    PaymentStatus.PAID: lambda conn, payment, _state: enrollment.convert(conn, payment),
    PaymentStatus.FAILED: _on_failed,
    PaymentStatus.REFUNDED: lambda conn, payment, _state: enrollment.on_refund(conn, payment),
}
