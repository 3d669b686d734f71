"""The service over real HTTP on a free port, a payment sandbox calling it back, and a database of its own."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
import requests
from werkzeug.serving import make_server

from automation import create_app
from automation.providers.payment_gateway import configured_gateways
from automation.providers.payments import PaymentGateway
from devstack.sandbox.app import create_sandbox
from devstack.sandbox.payments.credentials import payment_environment
from tests.support.auth_stack import auth_stack
from tests.support.servers import WAIT_SECONDS, serving
from tests.support.settings import settings_for_tests

INTERNAL_SECRET = "internal-for-payments"


@dataclass
class PaymentStack:
    service_url: str
    sandbox_url: str
    db_url: str
    gateways: dict[str, PaymentGateway]

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.db_url, autocommit=True)

    def one(self, query: str, *params: Any) -> Any:
        with self.connect() as conn:
            row = conn.execute(query, params).fetchone()
        return row[0] if row else None

    def wait_until(self, query: str, *params: Any, expect: Callable[[Any], bool] = bool) -> Any:
        """The query's value once `expect` holds; AssertionError if it never does within the bound."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            value = self.one(query, *params)
            if expect(value):
                return value
            time.sleep(0.05)
        raise AssertionError(f"never true: {query} {params} (last value {value!r})")

    def pay(self, checkout_url: str, outcome: str, webhook: str = "deliver") -> requests.Response:
        """What the payer's browser does at the sandbox's checkout page."""
        form = {"outcome": outcome, "webhook": webhook}
        return requests.post(checkout_url, data=form, allow_redirects=False, timeout=5)

    def reconcile(self, secret: str = INTERNAL_SECRET) -> requests.Response:
        url = f"{self.service_url}/internal/ticks/payments-reconcile"
        return requests.post(url, headers={"X-Internal-Secret": secret}, timeout=30)


@pytest.fixture
def stack(request: pytest.FixtureRequest, fresh_db_url: str) -> Iterator[PaymentStack]:
    """The service is bound first (so the sandbox knows where to call back), then given its settings;
    an indirect parameter overrides payment settings, e.g. {"phonepe_api_version": "v1"}."""
    holder: dict[str, Any] = {}

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        return holder["app"](environ, start_response)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    service_url = f"http://127.0.0.1:{server.server_port}"
    with serving(create_sandbox(service_url)) as sandbox_url:
        payments = {key.lower(): value for key, value in payment_environment(sandbox_url).items()}
        payments |= getattr(request, "param", {})
        settings = settings_for_tests(
            supabase_db_url=fresh_db_url, automation_internal_secret=INTERNAL_SECRET, **payments
        )
        holder["app"] = create_app(settings)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield PaymentStack(service_url, sandbox_url, fresh_db_url, configured_gateways(settings))
        finally:
            server.shutdown()
            thread.join(WAIT_SECONDS)


@pytest.fixture
def auth(cluster, template_db):
    """The local stack's Auth on a database of the test's own (its admin API invites payers)."""
    with auth_stack(cluster, template_db) as running:
        yield running
