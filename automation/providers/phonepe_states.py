"""PhonePe's answers (v2 order and refund states, v1 codes) mapped onto our payment and refund states."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from automation.providers.errors import ProviderUnavailable
from automation.providers.payments import PaymentState, PaymentStatus, RefundState, RefundStatus

PROVIDER = "phonepe"
ORDER_STATES = {
    "CREATED": PaymentStatus.CREATED,
    "PENDING": PaymentStatus.PENDING,
    "COMPLETED": PaymentStatus.PAID,
    "FAILED": PaymentStatus.FAILED,
}
REFUND_STATES = {
    "PENDING": RefundStatus.PENDING,
    "CONFIRMED": RefundStatus.PENDING,
    "COMPLETED": RefundStatus.COMPLETED,
    "FAILED": RefundStatus.FAILED,
}
# v1 status codes that describe the transaction; any other code (INTERNAL_SERVER_ERROR...) means "ask again".
V1_CODES = {
    "PAYMENT_SUCCESS": PaymentStatus.PAID,
    "PAYMENT_ERROR": PaymentStatus.FAILED,
    "PAYMENT_PENDING": PaymentStatus.PENDING,
}
V1_REFUND_CODES = {
    PaymentStatus.PAID: RefundStatus.COMPLETED,
    PaymentStatus.FAILED: RefundStatus.FAILED,
    PaymentStatus.PENDING: RefundStatus.PENDING,
}


def order_status(order: Mapping[str, Any]) -> PaymentStatus:
    """An order's state; a PENDING order nobody has tried to pay yet is only CREATED."""
    status = ORDER_STATES.get(str(order.get("state")), PaymentStatus.PENDING)
    if status is PaymentStatus.PENDING and not order.get("paymentDetails"):
        return PaymentStatus.CREATED
    return status


def order_state(merchant_order_id: str, order: Mapping[str, Any]) -> PaymentState:
    """A v2 order (status API answer or webhook payload) as our PaymentState."""
    attempts = list(order.get("paymentDetails") or [])
    completed = [a for a in attempts if a.get("state") == "COMPLETED"]
    deciding = completed[0] if completed else (attempts[-1] if attempts else {})
    return PaymentState(
        provider=PROVIDER,
        provider_ref=merchant_order_id,
        status=order_status(order),
        amount_paise=int(order["amount"]),
        provider_payment_id=deciding.get("transactionId"),
        failure_reason=order.get("errorCode") or deciding.get("errorCode"),
        raw=order,
    )


def refund_state(merchant_refund_id: str, refund: Mapping[str, Any]) -> RefundState:
    status = REFUND_STATES.get(str(refund.get("state")), RefundStatus.PENDING)
    return RefundState(PROVIDER, merchant_refund_id, status, int(refund["amount"]), raw=refund)


def v1_status(answer: Mapping[str, Any]) -> PaymentStatus:
    """The v1 `code` as our status; raises ProviderUnavailable for codes that mean "try again later"."""
    code = str(answer.get("code"))
    if code not in V1_CODES:
        raise ProviderUnavailable(PROVIDER, f"status unknown for now ({code}: {answer.get('message')})")
    return V1_CODES[code]


def v1_state(answer: Mapping[str, Any]) -> PaymentState:
    """A v1 status answer (or callback) as our PaymentState; PAYMENT_PENDING without a PhonePe
    `transactionId` is a transaction nobody has tried to pay yet: only CREATED (decision 0682)."""
    data = answer.get("data") or {}
    status = v1_status(answer)
    if status is PaymentStatus.PENDING and not data.get("transactionId"):
        status = PaymentStatus.CREATED
    return PaymentState(
        provider=PROVIDER,
        provider_ref=str(data["merchantTransactionId"]),
        status=status,
        amount_paise=int(data["amount"]),
        provider_payment_id=data.get("transactionId"),
        failure_reason=data.get("responseCode") if status is PaymentStatus.FAILED else None,
        raw=answer,
    )


def v1_refund_state(answer: Mapping[str, Any]) -> RefundState:
    """A v1 refund answer: its `code` alone says where the refund stands."""
    data = answer.get("data") or {}
    status = V1_REFUND_CODES[v1_status(answer)]
    return RefundState(PROVIDER, str(data["merchantTransactionId"]), status, int(data["amount"]), answer)
