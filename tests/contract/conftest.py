"""The payment sandbox served by uvicorn on a free port, a webhook receiver, and the three gateways."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

import pytest
import requests

from automation.config import load_settings
from automation.providers.payment_gateway import build_payment_gateway
from automation.providers.payments import PaymentGateway, WebhookVerificationError
from devstack.sandbox.app import create_sandbox
from devstack.sandbox.payments.credentials import payment_environment
from devstack.sandbox.payments.world import PaymentsBehaviour
from devstack.sandbox.state import Behaviour
from tests.support.servers import Received, WebhookReceiver, serving

SERVICE_SETTINGS = {
    "app_env": "test",
    "supabase_url": "http://127.0.0.1:9",
    "supabase_anon_key": "anon",
    "supabase_service_role_key": "service",
    "supabase_jwt_secret": "jwt-secret",
    "supabase_db_url": "postgresql://nobody@127.0.0.1:9/none",
    "automation_internal_secret": "internal",
}
GATEWAYS = {
    "instamojo": {"payments_provider": "instamojo"},
    "phonepe_v2": {"payments_provider": "phonepe", "phonepe_api_version": "v2"},
    "phonepe_v1": {"payments_provider": "phonepe", "phonepe_api_version": "v1"},
}


class Sandbox:
    """Drives the sandbox over HTTP, as a developer would from a script."""

    def __init__(self, url: str) -> None:
        self.url = url

    def behave(self, **knobs: Any) -> None:
        requests.put(f"{self.url}/_sandbox/api/behaviour", json=knobs, timeout=5).raise_for_status()

    def payments_behave(self, **knobs: Any) -> None:
        requests.put(f"{self.url}/_sandbox/api/payments/behaviour", json=knobs, timeout=5).raise_for_status()

    def records(self, provider: str, kind: str) -> list[dict[str, Any]]:
        params = {"provider": provider, "kind": kind}
        return requests.get(f"{self.url}/_sandbox/api/records", params=params, timeout=5).json()

    def wait_for_record(self, provider: str, kind: str, match: Callable[[dict], bool]) -> dict[str, Any]:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            found = [r for r in self.records(provider, kind) if match(r)]
            if found:
                return found[0]
            time.sleep(0.05)
        raise AssertionError(f"no {provider} {kind} record came")

    def revoke_tokens(self) -> None:
        requests.post(f"{self.url}/_sandbox/api/payments/revoke-tokens", timeout=5).raise_for_status()

    def pay(self, checkout_url: str, outcome: str, webhook: str = "deliver") -> requests.Response:
        """What a payer's browser does: load the checkout page, then submit its form."""
        page = requests.get(checkout_url, timeout=5)
        assert page.status_code == 200
        assert 'name="outcome"' in page.text
        form = {"outcome": outcome, "webhook": webhook}
        return requests.post(checkout_url, data=form, allow_redirects=False, timeout=5)

    def reset(self) -> None:
        self.behave(**asdict(Behaviour()))
        self.payments_behave(**asdict(PaymentsBehaviour()))
        requests.delete(f"{self.url}/_sandbox/api/records", timeout=5).raise_for_status()


@pytest.fixture(scope="session")
def webhook_receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture(scope="session")
def sandbox_url(webhook_receiver: WebhookReceiver) -> Iterator[str]:
    with serving(create_sandbox(webhook_receiver.url)) as url:
        yield url


@pytest.fixture
def sandbox(sandbox_url: str) -> Iterator[Sandbox]:
    control = Sandbox(sandbox_url)
    control.reset()
    yield control
    control.reset()


def gateway_settings(name: str, sandbox_url: str, **overrides: Any):
    sandbox_env = {key.lower(): value for key, value in payment_environment(sandbox_url).items()}
    return load_settings(**{**SERVICE_SETTINGS, **sandbox_env, **GATEWAYS[name], **overrides})


@pytest.fixture(params=list(GATEWAYS))
def gateway(request: pytest.FixtureRequest, sandbox: Sandbox) -> PaymentGateway:
    return build_payment_gateway(gateway_settings(request.param, sandbox.url))


@dataclass(frozen=True)
class About:
    """What differs between the gateways, as the providers document it."""

    signature_header: str | None  # None: the signature is inside the body (Instamojo's mac field)
    sends_failure_webhooks: bool
    sends_refund_webhooks: bool


ABOUT = {
    "instamojo": About(None, False, False),
    "phonepe_v2": About("Authorization", True, True),
    "phonepe_v1": About("X-VERIFY", True, True),
}


@pytest.fixture
def about(request: pytest.FixtureRequest, gateway: PaymentGateway) -> About:
    return ABOUT[request.node.callspec.params["gateway"]]


def about_ref(gateway: PaymentGateway, provider_ref: str) -> Callable[[Received], bool]:
    """Match webhooks whose verified event is about `provider_ref` (earlier tests' late ones are ignored)."""

    def match(item: Received) -> bool:
        try:
            event = gateway.parse_webhook(item.headers, item.body)
        except WebhookVerificationError:
            return False
        return provider_ref in (event.provider_ref, event.refund_ref)

    return match
