"""A payment webhook whose signature holds non-ASCII characters is a forgery like any other: 401, nothing
written (it used to raise TypeError in hmac.compare_digest and answer 500)."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlencode

import pytest
import requests

from devstack.sandbox.payments.credentials import PHONEPE_MERCHANT_ID

EVENTS = "select count(*) from public.webhook_events"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
INSTAMOJO_FIELDS = {
    "amount": "12500.00", "buyer": "asha@example.com", "buyer_name": "Asha Rao", "currency": "INR",
    "fees": "250.00", "payment_id": "MOJO0001", "payment_request_id": "req_0001", "purpose": "Young Founders",
    "status": "Credit",
}  # fmt: skip
V2_EVENT = {
    "event": "checkout.order.completed",
    "payload": {"orderId": "OMO1", "merchantOrderId": "pay_1", "state": "COMPLETED", "amount": 1_250_000},
}
V1_STATUS = {
    "success": True, "code": "PAYMENT_SUCCESS", "message": "Your payment is successful.",
    "data": {"merchantId": PHONEPE_MERCHANT_ID, "merchantTransactionId": "pay_1", "transactionId": "T1",
             "amount": 1_250_000, "state": "COMPLETED", "responseCode": "SUCCESS"},
}  # fmt: skip


def _refused(stack, answer: requests.Response) -> None:
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "invalid_signature"
    assert stack.one(EVENTS) == 0


def test_an_instamojo_mac_with_non_ascii_characters_is_refused(stack):
    body = urlencode(INSTAMOJO_FIELDS) + "&mac=%C3%A9"

    answer = requests.post(f"{stack.service_url}/webhooks/instamojo", data=body, headers=FORM, timeout=10)

    _refused(stack, answer)


def test_a_phonepe_authorization_with_non_ascii_characters_is_refused(stack):
    headers = {"Authorization": "é", "Content-Type": "application/json"}

    answer = requests.post(
        f"{stack.service_url}/webhooks/phonepe", data=json.dumps(V2_EVENT), headers=headers, timeout=10
    )

    _refused(stack, answer)


@pytest.mark.parametrize("stack", [{"phonepe_api_version": "v1"}], indirect=True)
def test_a_phonepe_v1_x_verify_with_non_ascii_characters_is_refused(stack):
    encoded = base64.b64encode(json.dumps(V1_STATUS).encode()).decode()
    headers = {"X-VERIFY": "é###1", "Content-Type": "application/json"}

    answer = requests.post(
        f"{stack.service_url}/webhooks/phonepe", json={"response": encoded}, headers=headers, timeout=10
    )

    _refused(stack, answer)
