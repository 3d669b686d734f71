"""PhonePe PG v1 adapter (salt key + X-VERIFY), for merchants still on it: same interface as v2."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from automation.providers.errors import ProviderAPIError
from automation.providers.http import ProviderSession
from automation.providers.payments import (
    Payer,
    PaymentEvent,
    PaymentLink,
    PaymentLinkRequest,
    PaymentState,
    PaymentStatus,
    RefundRequest,
    RefundState,
    refund_known_by_reference,
)
from automation.providers.phonepe import indian_mobile
from automation.providers.phonepe_signing import x_verify
from automation.providers.phonepe_states import PROVIDER, v1_refund_state, v1_state
from automation.providers.phonepe_webhook import parse_phonepe_v1_callback

API_VERSION = "v1"
PAY_PATH = f"/pg/{API_VERSION}/pay"
REFUND_PATH = f"/pg/{API_VERSION}/refund"


def merchant_user_id(payer: Payer) -> str:
    """A stable, opaque id for the payer (PhonePe wants one; we do not send contact details in it)."""
    who = (payer.email or payer.phone or payer.name).lower()
    return "U" + hashlib.sha256(who.encode()).hexdigest()[:30]


class PhonePeV1Gateway:
    provider = PROVIDER

    def __init__(self, api_base: str, merchant_id: str, salt_key: str, salt_index: int) -> None:
        self.session = ProviderSession(PROVIDER, api_base)
        self.merchant_id = merchant_id
        self._salt = (salt_key, salt_index)

    def _signed_post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        encoded = base64.b64encode(json.dumps(payload).encode()).decode()
        headers = {"X-VERIFY": x_verify(encoded + path, *self._salt)}
        return self.session.call("POST", path, json={"request": encoded}, headers=headers).json()

    def _status(self, merchant_ref: str) -> dict[str, Any]:
        path = f"/pg/{API_VERSION}/status/{self.merchant_id}/{merchant_ref}"
        headers = {"X-VERIFY": x_verify(path, *self._salt), "X-MERCHANT-ID": self.merchant_id}
        return self.session.call("GET", path, headers=headers).json()

    def create_link(self, request: PaymentLinkRequest) -> PaymentLink:
        """The reference is the merchantTransactionId; PhonePe calls back to the request's webhook URL."""
        payload: dict[str, Any] = {
            "merchantId": self.merchant_id,
            "merchantTransactionId": request.reference,
            "merchantUserId": merchant_user_id(request.payer),
            "amount": request.amount_paise,
            "redirectUrl": request.redirect_url,
            "redirectMode": "REDIRECT",
            "callbackUrl": request.webhook_url,
            "paymentInstrument": {"type": "PAY_PAGE"},
        }
        if request.payer.phone:
            payload["mobileNumber"] = indian_mobile(request.payer.phone)
        answer = self._signed_post(PAY_PATH, payload)
        if answer.get("code") != "PAYMENT_INITIATED":
            raise ProviderAPIError(PROVIDER, 200, json.dumps(answer))
        url = answer["data"]["instrumentResponse"]["redirectInfo"]["url"]
        return PaymentLink(PROVIDER, request.reference, url, PaymentStatus.CREATED, raw=answer)

    def fetch_status(self, provider_ref: str) -> PaymentState:
        return v1_state(self._status(provider_ref))

    def refund(self, request: RefundRequest) -> RefundState:
        payload = {
            "merchantId": self.merchant_id,
            "originalTransactionId": request.provider_ref,
            "merchantTransactionId": request.reference,
            "amount": request.amount_paise,
            "callbackUrl": request.webhook_url,
        }
        return v1_refund_state(self._signed_post(REFUND_PATH, payload))

    def refund_status(self, refund_ref: str) -> RefundState:
        return v1_refund_state(self._status(refund_ref))

    def find_refund(self, reference: str, _provider_payment_id: str) -> RefundState | None:
        return refund_known_by_reference(self.refund_status, reference)

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> PaymentEvent:
        return parse_phonepe_v1_callback(headers, body, *self._salt)
