"""Simulated PhonePe Standard Checkout v2: orders, refunds, their JSON, the redirect and the webhooks."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import JSONResponse, RedirectResponse, Response

from devstack.sandbox.payments.courier import Webhook
from devstack.sandbox.payments.credentials import (
    PHONEPE_MERCHANT_ID,
    PHONEPE_WEBHOOK_PASSWORD,
    PHONEPE_WEBHOOK_USERNAME,
)
from devstack.sandbox.payments.simulation import Attempt, Order, Refund, Result, new_id

PROVIDER = "phonepe"
STATE = {
    Result.CREATED: "PENDING",
    Result.PENDING: "PENDING",
    Result.SUCCESS: "COMPLETED",
    Result.FAILURE: "FAILED",
}
ORDER_EVENTS = {Result.SUCCESS: "checkout.order.completed", Result.FAILURE: "checkout.order.failed"}
DECLINED = {"errorCode": "PAYMENT_DECLINED", "detailedErrorCode": "SANDBOX_DECLINED"}


def millis(epoch: float) -> int:
    return int(epoch * 1000)


def phonepe_error(status: int, code: str, message: str) -> Response:
    """PhonePe's error body: some of success, code, message, data."""
    return JSONResponse({"success": False, "code": code, "message": message, "data": {}}, status_code=status)


def webhook_authorization() -> str:
    """What PhonePe puts in Authorization: SHA-256 of the dashboard's webhook username:password."""
    return hashlib.sha256(f"{PHONEPE_WEBHOOK_USERNAME}:{PHONEPE_WEBHOOK_PASSWORD}".encode()).hexdigest()


def attempt_json(amount_paise: int, attempt: Attempt, now: float) -> dict[str, Any]:
    result = attempt.result(now)
    detail: dict[str, Any] = {
        "transactionId": attempt.id,
        "paymentMode": "UPI_INTENT",
        "timestamp": millis(attempt.started_at),
        "amount": amount_paise,
        "payableAmount": amount_paise,
        "feeAmount": 0,
        "state": STATE[result],
        "rail": {"type": "UPI", "utr": attempt.id[-12:], "upiTransactionId": attempt.id, "vpa": "payer@ybl"},
        "instrument": {"type": "ACCOUNT", "maskedAccountNumber": "XXXXXX1234", "accountType": "SAVINGS"},
        "splitInstruments": [],
    }
    return {**detail, **DECLINED} if result is Result.FAILURE else detail


@dataclass
class V2Order:
    order: Order  # order.id is PhonePe's orderId
    merchant_order_id: str
    redirect_url: str
    expire_at: int  # epoch ms
    meta_info: dict[str, Any]
    refunds: list[Refund] = field(default_factory=list)


class PhonePeV2Sandbox:
    provider = PROVIDER

    def __init__(self, webhook_base: str) -> None:
        self.webhook_base = webhook_base
        self.orders: dict[str, V2Order] = {}  # by merchantOrderId
        self.by_order_id: dict[str, V2Order] = {}
        self.refunds: dict[str, tuple[V2Order, Refund]] = {}  # by merchantRefundId

    def add(self, v2: V2Order) -> None:
        self.orders[v2.merchant_order_id] = v2
        self.by_order_id[v2.order.id] = v2

    def find(self, order_id: str) -> Order | None:
        found = self.by_order_id.get(order_id)
        return found.order if found else None

    def new_attempt_id(self) -> str:
        return new_id("OM", 20)

    def order_json(self, v2: V2Order, details: bool) -> dict[str, Any]:
        now = time.time()
        result = v2.order.result(now)
        attempts = v2.order.attempts if details else v2.order.attempts[-1:]
        body: dict[str, Any] = {
            "orderId": v2.order.id,
            "merchantId": PHONEPE_MERCHANT_ID,
            "merchantOrderId": v2.merchant_order_id,
            "state": STATE[result],
            "amount": v2.order.amount_paise,
            "payableAmount": v2.order.amount_paise,
            "feeAmount": 0,
            "expireAt": v2.expire_at,
            "metaInfo": v2.meta_info,
            "paymentDetails": [attempt_json(v2.order.amount_paise, a, now) for a in attempts],
        }
        return {**body, **DECLINED} if result is Result.FAILURE else body

    def refund_json(self, v2: V2Order, refund: Refund) -> dict[str, Any]:
        state = STATE[refund.result(time.time())]
        return {
            "merchantId": PHONEPE_MERCHANT_ID,
            "merchantRefundId": refund.merchant_ref,
            "refundId": refund.id,
            "originalMerchantOrderId": v2.merchant_order_id,
            "amount": refund.amount_paise,
            "state": state,
            "timestamp": millis(refund.created_at),
            "splitInstruments": [],
            "paymentDetails": [{"transactionId": refund.id, "paymentMode": "UPI_INTENT", "state": state}],
        }

    def redirect(self, order: Order, attempt: Attempt) -> Response:
        return RedirectResponse(self.by_order_id[order.id].redirect_url, status_code=302)

    def _webhook(self, event: str, payload: dict[str, Any], summary: str) -> Webhook:
        # "type" is deprecated but still sent; receivers must rely on "event" and payload.state.
        body = {"event": event, "type": event.upper().replace(".", "_"), "payload": payload}
        headers = {"Content-Type": "application/json", "Authorization": webhook_authorization()}
        url = f"{self.webhook_base}/webhooks/phonepe"
        return Webhook(PROVIDER, url, json.dumps(body, separators=(",", ":")).encode(), summary, headers)

    def webhook(self, order: Order, attempt: Attempt) -> Webhook | None:
        result = order.result(time.time())
        if result not in ORDER_EVENTS:
            return None
        v2 = self.by_order_id[order.id]
        payload = self.order_json(v2, details=True)
        return self._webhook(ORDER_EVENTS[result], payload, f"{v2.merchant_order_id} {payload['state']}")

    def refund_webhook(self, v2: V2Order, refund: Refund) -> Webhook:
        payload = self.refund_json(v2, refund)
        return self._webhook("pg.refund.completed", payload, f"refund {refund.merchant_ref} COMPLETED")
