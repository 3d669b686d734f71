"""A sandbox served over real HTTP per test, calling back a receiver that stands in for our service."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from automation.config import Settings
from automation.providers.bootstrap import Providers, bootstrap_providers
from devstack.sandbox.app import create_sandbox, provider_environment
from devstack.sandbox.secrets import SecretSource
from tests.support.servers import WebhookReceiver, serving
from tests.support.settings import settings_for_tests

SEED = "contract-tests"


@dataclass
class Sandbox:
    url: str
    env: dict[str, str]

    def behave(self, **knobs: Any) -> None:
        requests.put(f"{self.url}/_sandbox/api/behaviour", json=knobs, timeout=5).raise_for_status()

    def records(self, provider: str, kind: str | None = None) -> list[dict[str, Any]]:
        params = {"provider": provider, **({"kind": kind} if kind else {})}
        response = requests.get(f"{self.url}/_sandbox/api/records", params=params, timeout=5)
        return response.json()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as running:
        yield running


@pytest.fixture
def sandbox(receiver: WebhookReceiver) -> Iterator[Sandbox]:
    with serving(create_sandbox(receiver.url, secret=SEED)) as url:
        running = Sandbox(url, provider_environment(SecretSource(SEED), url))
        running.behave(webhook_delay_ms=0)
        yield running


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    return settings_for_tests(**{name.lower(): value for name, value in sandbox.env.items()})


@pytest.fixture
def providers(settings: Settings) -> Providers:
    return bootstrap_providers(settings)
