"""Webhook verification without any server: signatures first, then parsing into our events."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from urllib.parse import urlencode

import pytest

from automation.providers.instamojo_webhook import instamojo_mac, parse_instamojo_webhook
from automation.providers.payments import PaymentStatus, WebhookVerificationError
from automation.providers.phonepe_signing import webhook_authorization, x_verify
from automation.providers.phonepe_webhook import parse_phonepe_v1_callback, parse_phonepe_webhook

SALT = "private-salt"


def test_instamojo_mac_joins_values_ordered_by_lower_cased_key():
    # Instamojo's documented example: {"foo": 1, "bar": 2, "baz": 3} signs the message "2|3|1".
    expected = hmac.new(SALT.encode(), b"2|3|1", hashlib.sha1).hexdigest()
    assert instamojo_mac({"foo": "1", "bar": "2", "baz": "3", "mac": "ignored"}, SALT) == expected
    assert (
        instamojo_mac({"Foo": "1", "bar": "2"}, SALT)
        == hmac.new(SALT.encode(), b"2|1", hashlib.sha1).hexdigest()
    )


def instamojo_body(**changes: str) -> dict[str, str]:
    fields = {
        "amount": "1250.00",
        "buyer": "asha@example.com",
        "buyer_name": "Asha",
        "buyer_phone": "+919812345678",
        "currency": "INR",
        "fees": "23.75",
        "longurl": "https://test.instamojo.com/@coach/abc",
        "payment_id": "MOJO5a06005J21512345",
        "payment_request_id": "d66cb29dd059482e8072999f995c4eef",
        "purpose": "Spoken English",
        "shorturl": "",
        "status": "Credit",
        **changes,
    }
    return {**fields, "mac": instamojo_mac(fields, SALT)}


def test_a_signed_instamojo_credit_is_a_paid_event():
    event = parse_instamojo_webhook(urlencode(instamojo_body()).encode(), SALT)
    assert (event.status, event.amount_paise) == (PaymentStatus.PAID, 125000)
    assert event.provider_ref == "d66cb29dd059482e8072999f995c4eef"
    assert event.event_id == "MOJO5a06005J21512345:credit"


def test_instamojo_failures_and_unknown_extra_keys_are_understood():
    event = parse_instamojo_webhook(urlencode(instamojo_body(status="Failed", new_key="x")).encode(), SALT)
    assert event.status is PaymentStatus.FAILED


@pytest.mark.parametrize(
    "body",
    [
        urlencode({**instamojo_body(), "amount": "1.00"}).encode(),  # changed after signing
        urlencode({k: v for k, v in instamojo_body().items() if k != "mac"}).encode(),  # unsigned
        urlencode(instamojo_body()).encode().replace(b"mac=", b"mac=0"),
        b"\xff\xfe not a form",
    ],
)
def test_instamojo_forgeries_are_rejected(body):
    with pytest.raises(WebhookVerificationError):
        parse_instamojo_webhook(body, SALT)


def test_a_signed_instamojo_webhook_with_an_unknown_status_is_rejected():
    with pytest.raises(WebhookVerificationError, match="unusable"):
        parse_instamojo_webhook(urlencode(instamojo_body(status="Refunded")).encode(), SALT)


def phonepe_v2(event: str, payload: dict) -> bytes:
    return json.dumps({"event": event, "payload": payload}).encode()


ORDER = {
    "orderId": "OMO123",
    "merchantOrderId": "pay_1",
    "state": "COMPLETED",
    "amount": 125000,
    "paymentDetails": [{"transactionId": "OM9", "state": "COMPLETED"}],
    "somethingNew": True,
}
AUTH = {"Authorization": webhook_authorization("hook_user", "Passw0rd123")}


def test_phonepe_v2_authorization_is_sha256_of_username_colon_password():
    assert AUTH["Authorization"] == hashlib.sha256(b"hook_user:Passw0rd123").hexdigest()


def test_a_phonepe_v2_completed_order_is_a_paid_event():
    event = parse_phonepe_webhook(
        AUTH, phonepe_v2("checkout.order.completed", ORDER), "hook_user", "Passw0rd123"
    )
    assert (event.status, event.provider_ref, event.provider_payment_id) == (
        PaymentStatus.PAID,
        "pay_1",
        "OM9",
    )
    assert event.event_id == "checkout.order.completed:OMO123"


def test_a_phonepe_v2_completed_refund_is_a_refunded_event():
    refund = {
        "merchantRefundId": "rfd_1",
        "refundId": "OMR1",
        "originalMerchantOrderId": "pay_1",
        "amount": 500,
    }
    body = phonepe_v2("pg.refund.completed", {**refund, "state": "COMPLETED"})
    event = parse_phonepe_webhook({"authorization": AUTH["Authorization"]}, body, "hook_user", "Passw0rd123")
    assert (event.status, event.refund_ref, event.amount_paise) == (PaymentStatus.REFUNDED, "rfd_1", 500)


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({}, phonepe_v2("checkout.order.completed", ORDER)),
        (
            {"Authorization": webhook_authorization("hook_user", "wrong")},
            phonepe_v2("checkout.order.completed", ORDER),
        ),
        (AUTH, phonepe_v2("checkout.order.exploded", ORDER)),
        (AUTH, b"not json"),
    ],
)
def test_phonepe_v2_forgeries_and_nonsense_are_rejected(headers, body):
    with pytest.raises(WebhookVerificationError):
        parse_phonepe_webhook(headers, body, "hook_user", "Passw0rd123")


def v1_callback(answer: dict, salt_key: str = "salt-key", index: int = 1) -> tuple[dict, bytes]:
    encoded = base64.b64encode(json.dumps(answer).encode()).decode()
    return {"X-VERIFY": x_verify(encoded, salt_key, index)}, json.dumps({"response": encoded}).encode()


V1_SUCCESS = {
    "success": True,
    "code": "PAYMENT_SUCCESS",
    "data": {"merchantTransactionId": "pay_1", "transactionId": "T1", "amount": 125000, "state": "COMPLETED"},
}


def test_phonepe_v1_x_verify_is_sha256_of_data_and_salt_with_the_index():
    assert x_verify("abc", "k", 2) == hashlib.sha256(b"abck").hexdigest() + "###2"


def test_a_phonepe_v1_success_callback_is_a_paid_event():
    event = parse_phonepe_v1_callback(*v1_callback(V1_SUCCESS), "salt-key", 1)
    assert (event.status, event.provider_ref, event.amount_paise) == (PaymentStatus.PAID, "pay_1", 125000)


@pytest.mark.parametrize(
    "callback",
    [
        v1_callback(V1_SUCCESS, salt_key="other-key"),
        v1_callback(V1_SUCCESS, index=2),
        ({}, v1_callback(V1_SUCCESS)[1]),
        (v1_callback(V1_SUCCESS)[0], json.dumps({"response": "e30="}).encode()),
    ],
)
def test_phonepe_v1_forgeries_are_rejected(callback):
    with pytest.raises(WebhookVerificationError):
        parse_phonepe_v1_callback(*callback, "salt-key", 1)
