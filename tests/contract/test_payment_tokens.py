"""OAuth tokens of the Instamojo and PhonePe v2 adapters: reused, refreshed before expiry and after a 401."""

from __future__ import annotations

import time
import uuid

import pytest

from automation.providers.errors import ProviderAPIError
from automation.providers.instamojo import InstamojoGateway
from automation.providers.payment_gateway import build_payment_gateway
from automation.providers.payments import Payer, PaymentLinkRequest
from automation.providers.phonepe import PhonePeGateway
from devstack.sandbox.payments import credentials as sandbox_credentials
from tests.contract.conftest import gateway_settings


class FakeClock:
    """Our side's clock, moved by the test; the sandbox keeps real time."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def token_gateway(name: str, sandbox_url: str, clock: FakeClock, secret: str | None = None):
    if name == "instamojo":
        return InstamojoGateway(
            f"{sandbox_url}/instamojo",
            sandbox_credentials.INSTAMOJO_CLIENT_ID,
            secret or sandbox_credentials.INSTAMOJO_CLIENT_SECRET,
            sandbox_credentials.INSTAMOJO_PRIVATE_SALT,
            clock=clock,
        )
    base = f"{sandbox_url}/phonepe"
    client = (sandbox_credentials.PHONEPE_CLIENT_ID, secret or sandbox_credentials.PHONEPE_CLIENT_SECRET, 1)
    webhook = (sandbox_credentials.PHONEPE_WEBHOOK_USERNAME, sandbox_credentials.PHONEPE_WEBHOOK_PASSWORD)
    return PhonePeGateway(base, base, client, webhook, clock=clock)


def a_link(gateway) -> str:
    request = PaymentLinkRequest(
        "tok_" + uuid.uuid4().hex[:20],
        99900,
        "Token test",
        Payer("Ravi"),
        "https://x.example/r",
        "https://x.example/w",
    )
    return gateway.create_link(request).provider_ref


@pytest.fixture(params=["instamojo", "phonepe_v2"])
def provider_name(request: pytest.FixtureRequest) -> str:
    return request.param


def tokens_issued(sandbox, name: str) -> int:
    return len(sandbox.records("instamojo" if name == "instamojo" else "phonepe", "token"))


def test_one_token_serves_many_calls(provider_name, sandbox):
    gateway = build_payment_gateway(gateway_settings(provider_name, sandbox.url))
    ref = a_link(gateway)
    gateway.fetch_status(ref)
    gateway.fetch_status(ref)
    assert tokens_issued(sandbox, provider_name) == 1


def test_a_token_is_refreshed_before_it_expires(provider_name, sandbox):
    sandbox.payments_behave(token_ttl_seconds=600)
    clock = FakeClock()
    gateway = token_gateway(provider_name, sandbox.url, clock)
    ref = a_link(gateway)
    clock.now += (
        250  # Instamojo refreshes 300 s early (or at half-life for short tokens); PhonePe at half-life
    )
    gateway.fetch_status(ref)
    assert tokens_issued(sandbox, provider_name) == 1
    clock.now += 100
    gateway.fetch_status(ref)
    assert tokens_issued(sandbox, provider_name) == 2


def test_a_rejected_token_is_replaced_and_the_call_retried_once(provider_name, sandbox):
    gateway = token_gateway(provider_name, sandbox.url, FakeClock())
    ref = a_link(gateway)
    sandbox.revoke_tokens()
    assert gateway.fetch_status(ref).provider_ref == ref
    assert tokens_issued(sandbox, provider_name) == 2


def test_wrong_client_credentials_are_a_permanent_error(provider_name, sandbox):
    gateway = token_gateway(provider_name, sandbox.url, FakeClock(), secret="wrong-secret")
    with pytest.raises(ProviderAPIError) as refused:
        a_link(gateway)
    assert refused.value.status == 401
    assert not refused.value.retryable
