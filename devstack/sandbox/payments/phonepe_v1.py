"""Simulated PhonePe PG v1 (salt key + X-VERIFY): pay, status, refund, checkout and base64 callbacks."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from devstack.sandbox.payments.checkout import checkout_routes
from devstack.sandbox.payments.courier import Webhook
from devstack.sandbox.payments.credentials import PHONEPE_MERCHANT_ID, PHONEPE_SALT_INDEX, PHONEPE_SALT_KEY
from devstack.sandbox.payments.phonepe import PROVIDER, STATE, phonepe_error
from devstack.sandbox.payments.phonepe_rules import v1_pay_problems, v1_refund_problems
from devstack.sandbox.payments.simulation import Attempt, Order, Refund, Result, new_id, refundable_paise
from devstack.sandbox.payments.web import api, templates
from devstack.sandbox.payments.world import PaymentsWorld, schedule_refund_webhook, start_refund
from devstack.sandbox.state import SandboxState

CODES = {
    Result.SUCCESS: "PAYMENT_SUCCESS",
    Result.FAILURE: "PAYMENT_ERROR",
    Result.PENDING: "PAYMENT_PENDING",
}
CODES[Result.CREATED] = CODES[Result.PENDING]
RESPONSE_CODES = {Result.SUCCESS: "SUCCESS", Result.FAILURE: "PAYMENT_DECLINED"}


def x_verify(data: str) -> str:
    """sha256_hex(data + salt key) + "###" + salt index; data is the base64 body and/or the API path."""
    return hashlib.sha256((data + PHONEPE_SALT_KEY).encode()).hexdigest() + f"###{PHONEPE_SALT_INDEX}"


def bad_signature(request: Request, data: str) -> Response | None:
    given = request.headers.get("x-verify", "")
    if given.rpartition("###")[2] != str(PHONEPE_SALT_INDEX):
        return phonepe_error(400, "KEY_NOT_CONFIGURED", "Unknown salt index")
    if not hmac.compare_digest(given.encode(), x_verify(data).encode()):
        return phonepe_error(401, "AUTHORIZATION_FAILED", "X-VERIFY does not match")
    return None


def status_body(merchant_ref: str, result: Result, amount: int, transaction_id: str | None) -> dict[str, Any]:
    """The status API's answer, also the base64 content of callbacks."""
    data = {
        "merchantId": PHONEPE_MERCHANT_ID,
        "merchantTransactionId": merchant_ref,
        "transactionId": transaction_id,
        "amount": amount,
        "state": STATE[result],
        "responseCode": RESPONSE_CODES.get(result, "PENDING"),
        "paymentInstrument": {"type": "UPI", "utr": transaction_id[-12:]} if transaction_id else None,
        "feesContext": {"amount": 0},
    }
    message = {"PAYMENT_SUCCESS": "Your payment is successful.", "PAYMENT_ERROR": "Payment failed"}
    code = CODES[result]
    return {
        "success": result is Result.SUCCESS,
        "code": code,
        "message": message.get(code, "Pending"),
        "data": data,
    }


def callback(url: str, body: dict[str, Any], summary: str) -> Webhook:
    encoded = base64.b64encode(json.dumps(body).encode()).decode()
    headers = {"Content-Type": "application/json", "X-VERIFY": x_verify(encoded)}
    return Webhook(PROVIDER, url, json.dumps({"response": encoded}).encode(), summary, headers)


@dataclass
class V1Transaction:
    order: Order  # order.id is the checkout id
    merchant_ref: str  # merchantTransactionId
    payload: dict[str, Any]
    refunds: list[Refund] = field(default_factory=list)

    def status(self) -> dict[str, Any]:
        now = time.time()
        attempt = self.order.deciding_attempt(now)
        result = self.order.result(now)
        return status_body(
            self.merchant_ref, result, self.order.amount_paise, attempt.id if attempt else None
        )


class PhonePeV1Sandbox:
    provider = PROVIDER

    def __init__(self, world: PaymentsWorld) -> None:
        self.world = world
        self.transactions: dict[str, V1Transaction] = {}  # by merchantTransactionId
        self.by_order_id: dict[str, V1Transaction] = {}
        self.refunds: dict[str, tuple[V1Transaction, Refund]] = {}  # by the refund's merchantTransactionId

    def find(self, order_id: str) -> Order | None:
        found = self.by_order_id.get(order_id)
        return found.order if found else None

    def new_attempt_id(self) -> str:
        return new_id("T", 21)

    def redirect(self, order: Order, attempt: Attempt) -> Response:
        txn = self.by_order_id[order.id]
        if txn.payload["redirectMode"] == "REDIRECT":
            return RedirectResponse(txn.payload["redirectUrl"], status_code=302)
        fields = {
            "code": CODES[attempt.result(time.time())],
            "merchantId": PHONEPE_MERCHANT_ID,
            "transactionId": txn.merchant_ref,
            "amount": str(order.amount_paise),
            "providerReferenceId": attempt.id,
        }
        page = templates.get_template("post_redirect.html").render(
            action=txn.payload["redirectUrl"], fields=fields
        )
        return HTMLResponse(page)

    def webhook(self, order: Order, attempt: Attempt) -> Webhook | None:
        """PhonePe calls back on terminal states only."""
        txn = self.by_order_id[order.id]
        body = txn.status()
        if body["code"] == "PAYMENT_PENDING":
            return None
        return callback(txn.payload["callbackUrl"], body, f"{txn.merchant_ref} {body['code']}")

    def refund_callback(self, refund: Refund) -> Webhook:
        body = status_body(refund.merchant_ref, refund.result(time.time()), refund.amount_paise, refund.id)
        return callback(refund.details["callbackUrl"], body, f"refund {refund.merchant_ref} {body['code']}")


class PhonePeV1API:
    def __init__(self, sandbox: PhonePeV1Sandbox) -> None:
        self.sandbox = sandbox
        self.world = sandbox.world

    @staticmethod
    async def _payload(request: Request) -> tuple[str, dict[str, Any]]:
        """The base64 "request" of the body and its decoded JSON ({} when it does not decode)."""
        try:
            encoded = str((await request.json()).get("request") or "")
            return encoded, json.loads(base64.b64decode(encoded, validate=True))
        except (ValueError, AttributeError, binascii.Error):
            return "", {}

    async def pay(self, request: Request) -> Response:
        encoded, payload = await self._payload(request)
        if denied := bad_signature(request, encoded + "/pg/v1/pay"):
            return denied
        problems = v1_pay_problems(payload, PHONEPE_MERCHANT_ID)
        if payload.get("merchantTransactionId") in self.sandbox.transactions:
            problems.append("merchantTransactionId has been used before")
        if problems:
            return phonepe_error(400, "BAD_REQUEST", "; ".join(problems))
        order = Order(new_id("T", 21), payload["amount"], "PhonePe payment", "", retry_after_failure=False)
        txn = V1Transaction(order, payload["merchantTransactionId"], payload)
        self.sandbox.transactions[txn.merchant_ref] = txn
        self.sandbox.by_order_id[order.id] = txn
        await self.world.state.add(
            PROVIDER, "order", f"v1 {txn.merchant_ref}: {order.amount_paise} paise", payload
        )
        url = str(request.url_for("phonepe-checkout-v1", order_id=order.id))
        data = {
            "merchantId": PHONEPE_MERCHANT_ID,
            "merchantTransactionId": txn.merchant_ref,
            "instrumentResponse": {"type": "PAY_PAGE", "redirectInfo": {"url": url, "method": "GET"}},
        }
        return JSONResponse(
            {"success": True, "code": "PAYMENT_INITIATED", "message": "Payment initiated", "data": data}
        )

    async def status(self, request: Request) -> Response:
        merchant_id, ref = request.path_params["merchant_id"], request.path_params["merchant_ref"]
        if denied := bad_signature(request, f"/pg/v1/status/{merchant_id}/{ref}"):
            return denied
        if request.headers.get("x-merchant-id") != merchant_id or merchant_id != PHONEPE_MERCHANT_ID:
            return phonepe_error(400, "BAD_REQUEST", "X-MERCHANT-ID must be this merchant's id")
        if txn := self.sandbox.transactions.get(ref):
            return JSONResponse(txn.status())
        if found := self.sandbox.refunds.get(ref):
            refund = found[1]
            return JSONResponse(status_body(ref, refund.result(time.time()), refund.amount_paise, refund.id))
        return phonepe_error(404, "TRANSACTION_NOT_FOUND", "No transaction with this merchantTransactionId")

    async def refund(self, request: Request) -> Response:
        encoded, payload = await self._payload(request)
        if denied := bad_signature(request, encoded + "/pg/v1/refund"):
            return denied
        txn = self.sandbox.transactions.get(str(payload.get("originalTransactionId")))
        refundable = refundable_paise(txn.order, txn.refunds) if txn else None
        problems = v1_refund_problems(payload, PHONEPE_MERCHANT_ID, refundable)
        if payload.get("merchantTransactionId") in self.sandbox.refunds:
            problems.append("merchantTransactionId has been used before")
        if problems or txn is None:
            return phonepe_error(400, "BAD_REQUEST", "; ".join(problems))
        refund = self._new_refund(txn, payload)
        await self.world.state.add(PROVIDER, "refund", f"v1 refund {refund.merchant_ref}", payload)
        return JSONResponse(status_body(refund.merchant_ref, Result.PENDING, refund.amount_paise, refund.id))

    def _new_refund(self, txn: V1Transaction, payload: dict[str, Any]) -> Refund:
        ids = (new_id("TR", 20), payload["merchantTransactionId"])
        callback_url = str(payload.get("callbackUrl") or "")
        refund = start_refund(self.world, txn.order, ids, payload["amount"], callbackUrl=callback_url)
        txn.refunds.append(refund)
        self.sandbox.refunds[refund.merchant_ref] = (txn, refund)
        if refund.details["callbackUrl"]:
            schedule_refund_webhook(
                self.world, lambda: self.sandbox.refund_callback(refund), refund.settles_at
            )
        return refund


def phonepe_v1_routes(state: SandboxState, world: PaymentsWorld) -> list[BaseRoute]:
    sandbox = PhonePeV1Sandbox(world)
    endpoints = PhonePeV1API(sandbox)
    return [
        Route("/pg/v1/pay", api(state, endpoints.pay), methods=["POST"]),
        Route("/pg/v1/status/{merchant_id}/{merchant_ref}", api(state, endpoints.status), methods=["GET"]),
        Route("/pg/v1/refund", api(state, endpoints.refund), methods=["POST"]),
        Mount("/transact/v1", routes=checkout_routes(sandbox, world, "phonepe-checkout-v1")),
    ]
