"""Simulated Instamojo v2: what it remembers, the JSON it answers with, its redirect and signed webhook."""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.responses import HTMLResponse, RedirectResponse, Response

from devstack.sandbox.payments.courier import Webhook
from devstack.sandbox.payments.credentials import INSTAMOJO_PRIVATE_SALT
from devstack.sandbox.payments.instamojo_rules import rupees
from devstack.sandbox.payments.simulation import Attempt, Order, Refund, Result, new_id
from devstack.sandbox.payments.web import with_query
from devstack.sandbox.payments.world import PaymentsWorld

PROVIDER = "instamojo"
PAYMENT_STATUS = {Result.SUCCESS: True, Result.FAILURE: False, Result.PENDING: None}


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")


def sign(fields: dict[str, str], salt: str) -> str:
    """Instamojo's webhook MAC: HMAC-SHA1 over the values ordered by lower-cased key, joined by '|'."""
    ordered = [fields[key] for key in sorted(fields, key=str.lower) if key != "mac"]
    return hmac.new(salt.encode(), "|".join(ordered).encode(), hashlib.sha1).hexdigest()


@dataclass
class PaymentRequest:
    order: Order
    fields: dict[str, Any]
    longurl: str
    api_root: str  # this sandbox's ".../v2/" as the payer's request saw it
    refunds: list[Refund] = field(default_factory=list)


class InstamojoSandbox:
    provider = PROVIDER

    def __init__(self, world: PaymentsWorld) -> None:
        self.world = world
        self.requests: dict[str, PaymentRequest] = {}
        self.refunds: dict[str, tuple[PaymentRequest, Refund]] = {}

    def find(self, order_id: str) -> Order | None:
        found = self.requests.get(order_id)
        return found.order if found else None

    def new_attempt_id(self) -> str:
        return new_id("MOJO")

    def payment(self, payment_id: str) -> tuple[PaymentRequest, Attempt] | None:
        for pr in self.requests.values():
            for attempt in pr.order.attempts:
                if attempt.id == payment_id:
                    return pr, attempt
        return None

    def request_json(self, pr: PaymentRequest) -> dict[str, Any]:
        now, f = time.time(), pr.fields
        return {
            "id": pr.order.id,
            "phone": f.get("phone"),
            "email": f.get("email"),
            "buyer_name": f.get("buyer_name"),
            "amount": rupees(pr.order.amount_paise),
            "purpose": pr.order.purpose,
            "status": "Completed" if pr.order.result(now) is Result.SUCCESS else "Pending",
            "payments": [f"{pr.api_root}payments/{a.id}/" for a in pr.order.attempts],
            "send_sms": f["send_sms"],
            "send_email": f["send_email"],
            "sms_status": "Pending" if f["send_sms"] else None,
            "email_status": "Pending" if f["send_email"] else None,
            "shorturl": None,
            "longurl": pr.longurl,
            "redirect_url": f.get("redirect_url") or "",
            "webhook": f.get("webhook") or "",
            "scheduled_at": None,
            "expires_at": f.get("expires_at"),
            "allow_repeated_payments": f["allow_repeated_payments"],
            "mark_fulfilled": True,
            "created_at": iso(pr.order.created_at),
            "modified_at": iso(max([pr.order.created_at] + [a.started_at for a in pr.order.attempts])),
            "resource_uri": f"{pr.api_root}payment_requests/{pr.order.id}/",
            "customer_id": None,  # keys we do not use, as the real API adds them
            "allow_partial_payments": False,
        }

    def payment_json(self, pr: PaymentRequest, attempt: Attempt) -> dict[str, Any]:
        result = attempt.result(time.time())
        return {
            "id": attempt.id,
            "title": pr.order.purpose,
            "payment_type": "Payment request",
            "status": PAYMENT_STATUS[result],
            "currency": "INR",
            "amount": rupees(pr.order.amount_paise),
            "name": pr.fields.get("buyer_name"),
            "email": pr.fields.get("email"),
            "phone": pr.fields.get("phone"),
            "instrument_type": "UPI",
            "billing_instrument": "Domestic UPI",
            "failure": {"reason": "declined", "message": "The payer's bank declined the payment (sandbox)."}
            if result is Result.FAILURE
            else None,
            "payout": None,
            "payment_request": f"{pr.api_root}payment_requests/{pr.order.id}/",
            "created_at": iso(attempt.started_at),
            "fees": "0.00",
            "total_taxes": "0.00",
            "resource_uri": f"{pr.api_root}payments/{attempt.id}/",
            "tax_invoice_id": "",
            "gst_applicable": False,
        }

    def refund_json(self, pr: PaymentRequest, refund: Refund) -> dict[str, Any]:
        done = refund.result(time.time()) is Result.SUCCESS
        return {
            "id": refund.id,
            "payment_id": refund.payment_id,
            "transaction_id": refund.merchant_ref or None,
            "status": "Refunded" if done else "Pending",
            "type": refund.details["type"],
            "body": refund.details["body"],
            "refund_amount": rupees(refund.amount_paise),
            "total_amount": rupees(pr.order.amount_paise),
            "created_at": iso(refund.created_at),
        }

    def redirect(self, order: Order, attempt: Attempt) -> Response:
        status = {Result.SUCCESS: "Credit", Result.FAILURE: "Failed", Result.PENDING: "Pending"}
        params = {
            "payment_id": attempt.id,
            "payment_status": status[attempt.result(time.time())],
            "payment_request_id": order.id,
        }
        target = self.requests[order.id].fields.get("redirect_url")
        if not target:
            return HTMLResponse(f"Payment {params['payment_status']}. You may close this page.")
        return RedirectResponse(with_query(target, params), status_code=302)

    def webhook(self, order: Order, attempt: Attempt) -> Webhook | None:
        """Instamojo notifies successful payments only (failures need support to switch them on)."""
        if attempt.result(time.time()) is not Result.SUCCESS:
            return None
        pr = self.requests[order.id]
        fields = {
            "amount": rupees(order.amount_paise),
            "buyer": pr.fields.get("email") or "",
            "buyer_name": pr.fields.get("buyer_name") or "",
            "buyer_phone": pr.fields.get("phone") or "",
            "currency": "INR",
            "fees": "0.00",
            "longurl": pr.longurl,
            "payment_id": attempt.id,
            "payment_request_id": order.id,
            "purpose": order.purpose,
            "shorturl": "",
            "status": "Credit",
        }
        fields["mac"] = sign(fields, INSTAMOJO_PRIVATE_SALT)
        url = pr.fields.get("webhook") or f"{self.world.state.webhook_base}/webhooks/instamojo"
        body = urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return Webhook(PROVIDER, url, body, f"{attempt.id} Credit", headers)
