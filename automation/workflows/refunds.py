"""Refunds the center starts: refund_pending plus an outbox request; settled once, on the provider's word.

Contract C2: the payment shows refund_pending until the provider confirms, then refunded (nothing left)
or paid again with refunded_paise (a partial refund, or a refund the provider refused)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import psycopg
from psycopg.rows import dict_row, scalar_row
from psycopg.types.json import Jsonb

from automation.money import format_inr
from automation.outbox.enqueue import Cause, enqueue_request
from automation.providers.payments import RefundState, RefundStatus
from automation.workflows import timeline

LOCK = "select * from public.payments where id = %s for update"
MARK = """
update public.payments
   set status = 'refund_pending', refund_reference = %(reference)s, refund_pending_paise = %(amount)s,
       refund_reason = %(reason)s, refund_alerted_at = null, next_status_check_at = now() + %(grace)s
 where id = %(id)s
"""
# Reconciliation asks the provider about a refund it has no reference for once this has passed (the outbox
# has usually sent it by then), so a refund whose answer was lost still settles.
UNSENT_GRACE = timedelta(minutes=15)
ACCEPTED = """
update public.payments set refund_provider_ref = %s, next_status_check_at = now() + interval '30 seconds'
 where id = %s and refund_reference = %s
"""
SETTLE = "select private.settle_refund(%s, %s, %s, %s, %s, %s, %s)"


class NotRefundable(Exception):
    """The payment cannot be refunded now; the message says why and what to do (answer 409)."""


@dataclass(frozen=True)
class RefundOrder:
    payment_id: str
    amount_paise: int | None  # None: whatever is left to refund
    reason: str
    service_url: str  # the provider reports the refund to its webhook here (PhonePe v1 takes it per request)


def request_refund(conn: psycopg.Connection, order: RefundOrder, admin_id: str | None) -> dict[str, str]:
    """Mark the payment refund_pending and enqueue payments/refund, in the caller's transaction.
    Raises LookupError (no such payment) and NotRefundable."""
    pay = conn.cursor(row_factory=dict_row).execute(LOCK, (order.payment_id,)).fetchone()
    if pay is None:
        raise LookupError(f"payment {order.payment_id} does not exist")
    amount = _refundable(pay, order.amount_paise)
    reference = "rf" + uuid.uuid4().hex[:30]
    values = {
        "id": pay["id"], "reference": reference, "amount": amount, "reason": order.reason,
        "grace": UNSENT_GRACE,
    }  # fmt: skip
    conn.execute(MARK, values)
    payload = {
        "payment_id": str(pay["id"]), "provider": pay["provider"], "reference": reference,
        "provider_ref": pay["provider_order_id"], "provider_payment_id": pay["provider_payment_id"],
        "amount_paise": amount, "reason": order.reason,
        "webhook_url": f"{order.service_url}/webhooks/{pay['provider']}",
    }  # fmt: skip
    lead, profile = (str(pay[k]) if pay[k] else None for k in ("lead_id", "profile_id"))
    enqueue_request(
        conn, channel="payments", operation="refund", payload=payload, idempotency_key=f"refund:{reference}",
        cause=Cause("payments", str(pay["id"])), created_by=admin_id, lead_id=lead, profile_id=profile,
    )  # fmt: skip
    timeline.note(conn, lead, profile, f"Refund of {format_inr(amount)} requested: {order.reason}")
    return {"payment_id": str(pay["id"]), "status": "refund_pending"}


def _refundable(pay: dict, wanted: int | None) -> int:
    if pay["status"] != "paid":
        raise NotRefundable(
            f"The payment is {pay['status'].replace('_', ' ')}; only a paid payment can be refunded."
        )
    if not pay["provider_payment_id"]:
        raise NotRefundable("The provider has not named the payment yet; run reconciliation, then try again.")
    left = pay["received_paise"] - pay["refunded_paise"]  # a payment paid short took less than it asked
    if pay["provider"] == "instamojo" and pay["refunded_paise"] > 0:
        raise NotRefundable(
            f"Instamojo takes one refund per payment, and {format_inr(pay['refunded_paise'])} of this one "
            f"was refunded already. Refund the other {format_inr(left)} from Instamojo's dashboard."
        )
    amount = left if wanted is None else wanted
    if not 0 < amount <= left:
        raise NotRefundable(f"At most {format_inr(left)} of this payment can still be refunded.")
    return amount


def settle_refund(
    conn: psycopg.Connection,
    provider: str,
    order_ref: str | None,
    refund: RefundState,
    event_id: str | None = None,
) -> str | None:
    """Apply what the provider says about a refund (one statement): the payment's new status, or None when
    it changed nothing (still pending, already settled, not ours). Raises psycopg.errors.NoDataFound."""
    values = (
        provider, order_ref, refund.refund_ref, str(refund.status), refund.amount_paise,
        Jsonb(dict(refund.raw)), event_id,
    )  # fmt: skip
    return conn.cursor(row_factory=scalar_row).execute(SETTLE, values).fetchone()


def refused(provider: str, reference: str, **why: str) -> RefundState:
    """A refund that was not made, as a failed outcome whose note says why: `refusal=` the provider's words,
    or `reason=` ours (private.note_refund_failed)."""
    return RefundState(provider, reference, RefundStatus.FAILED, 0, why)


def record_refund(conn: psycopg.Connection, payment_id: str, reference: str, refund: RefundState) -> None:
    """Keep the provider's reference of our refund in flight (polled from now on), and settle it at once
    when the provider has already decided."""
    conn.execute(ACCEPTED, (refund.refund_ref, payment_id, reference))
    if refund.status is not RefundStatus.PENDING:
        settle_refund(conn, refund.provider, None, refund)
