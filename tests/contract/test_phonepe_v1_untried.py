"""PhonePe v1 against the sandbox: PAYMENT_PENDING carries a PhonePe transactionId only once the payer has
started paying, so the adapter reads an untried transaction as CREATED (decision 0682); the sandbox refuses a
non-ASCII X-VERIFY with 401 as PhonePe does, not with a crash."""

from __future__ import annotations

import uuid

import requests

from automation.providers.payment_gateway import build_payment_gateway
from automation.providers.payments import Payer, PaymentLinkRequest, PaymentStatus
from devstack.sandbox.payments.credentials import PHONEPE_MERCHANT_ID
from devstack.sandbox.payments.phonepe_v1 import x_verify
from tests.contract.conftest import Sandbox, gateway_settings


def _v1_link(sandbox: Sandbox):
    gateway = build_payment_gateway(gateway_settings("phonepe_v1", sandbox.url))
    reference = f"pay_{uuid.uuid4().hex[:20]}"
    payer = Payer("Asha Rao", "asha@example.com", "+919811111111")
    request = PaymentLinkRequest(
        reference,
        50_000,
        "Fee",
        payer,
        "https://coachbase.example/pay/return",
        "https://coachbase.example/hook",
    )
    return gateway, gateway.create_link(request)


def _status(sandbox: Sandbox, reference: str, signature: str | None = None) -> requests.Response:
    path = f"/pg/v1/status/{PHONEPE_MERCHANT_ID}/{reference}"
    headers = {"X-VERIFY": signature or x_verify(path), "X-MERCHANT-ID": PHONEPE_MERCHANT_ID}
    return requests.get(f"{sandbox.url}/phonepe{path}", headers=headers, timeout=5)


def test_an_untried_v1_transaction_is_created_and_a_started_one_pending(sandbox):
    sandbox.payments_behave(settle_delay_ms=600_000)
    gateway, link = _v1_link(sandbox)

    untried = _status(sandbox, link.provider_ref).json()
    assert (untried["code"], untried["data"]["transactionId"]) == ("PAYMENT_PENDING", None)
    assert gateway.fetch_status(link.provider_ref).status is PaymentStatus.CREATED

    sandbox.pay(link.url, "pending_then_success", "drop")
    started = gateway.fetch_status(link.provider_ref)
    assert (started.status, started.raw["code"]) == (PaymentStatus.PENDING, "PAYMENT_PENDING")
    assert started.provider_payment_id


def test_the_sandbox_refuses_a_non_ascii_x_verify_with_401(sandbox):
    _, link = _v1_link(sandbox)

    answer = _status(sandbox, link.provider_ref, signature="é###1")

    assert (answer.status_code, answer.json()["code"]) == (401, "AUTHORIZATION_FAILED")
