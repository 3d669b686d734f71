"""The service over real HTTP (recording every request it gets), the sandbox calling it back, a worker."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
import requests
from werkzeug.serving import make_server

from automation import create_app
from automation.config import Settings
from automation.db import create_pool
from automation.outbox.worker import OutboxWorker
from automation.providers.bootstrap import bootstrap_providers
from automation.workflows.webhook_sweep import sweep_webhook_events
from devstack.sandbox.app import create_sandbox, provider_environment
from devstack.sandbox.secrets import SecretSource
from tests.integration.outbox.conftest import ALWAYS_OPEN, FAST_BUCKETS
from tests.support.servers import WAIT_SECONDS, bound_socket, serving
from tests.support.settings import settings_for_tests

SEED = "webhook-tests"


@dataclass(frozen=True)
class Delivery:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Stack:
    service_url: str
    sandbox_url: str
    db: psycopg.Connection
    worker: OutboxWorker
    settings: Settings
    deliveries: list[Delivery] = field(default_factory=list)

    def sandbox(self, path: str, body: dict[str, Any]) -> None:
        requests.post(f"{self.sandbox_url}{path}", json=body, timeout=5).raise_for_status()

    def behave(self, **knobs: Any) -> None:
        requests.put(f"{self.sandbox_url}/_sandbox/api/behaviour", json=knobs, timeout=5).raise_for_status()

    def records(self, provider: str, kind: str) -> list[dict[str, Any]]:
        params = {"provider": provider, "kind": kind}
        return requests.get(f"{self.sandbox_url}/_sandbox/api/records", params=params, timeout=5).json()

    def post(self, delivery: Delivery) -> requests.Response:
        url = f"{self.service_url}{delivery.path}"
        return requests.post(url, data=delivery.body, headers=delivery.headers, timeout=10)

    def value(self, query: str, *params: Any) -> Any:
        row = self.db.execute(query, params).fetchone()
        return row[0] if row else None

    def wait_for(self, query: str, *params: Any, sweeping: bool = False) -> None:
        """Until the query's value is true; AssertionError if it never is within the bound. `sweeping`: the
        webhook sweep (the worker's tick) passes between looks, as it would in production for an event that
        arrived while its message's send was being recorded."""
        deadline = time.monotonic() + WAIT_SECONDS
        while not self.value(query, *params):
            assert time.monotonic() < deadline, f"never true: {query}"
            if sweeping:
                sweep_webhook_events(self.worker.pool, 0, self.settings.webhook_sweep_max_attempts)
            time.sleep(0.05)

    def settled(self, query: str, quiet: float = 0.5) -> Any:
        """The query's value once the callbacks have stopped: no new delivery and the same value over `quiet`
        seconds (a delivery is listed when it arrives, before the service has acted on it)."""
        deadline = time.monotonic() + WAIT_SECONDS
        last = (len(self.deliveries), self.value(query))
        while True:
            time.sleep(quiet)
            now = (len(self.deliveries), self.value(query))
            if now == last:
                return now[1]
            assert time.monotonic() < deadline, f"still changing after {WAIT_SECONDS} s: {query}"
            last = now


def _recording(holder: dict[str, Any], deliveries: list[Delivery]) -> Callable:
    """A WSGI app that keeps a copy of each request (to replay it later) and passes it on."""

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = {k[5:].replace("_", "-").title(): v for k, v in environ.items() if k.startswith("HTTP_")}
        headers["Content-Type"] = environ.get("CONTENT_TYPE", "")
        deliveries.append(Delivery(environ["PATH_INFO"], headers, body))
        environ["wsgi.input"] = io.BytesIO(body)
        return holder["app"](environ, start_response)

    return app


@pytest.fixture
def stack(fresh_db_url: str) -> Iterator[Stack]:
    holder: dict[str, Any] = {}
    deliveries: list[Delivery] = []
    server = make_server("127.0.0.1", 0, _recording(holder, deliveries), threaded=True)
    service_url = f"http://127.0.0.1:{server.server_port}"
    sock = bound_socket()
    sandbox_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    env = {k.lower(): v for k, v in provider_environment(SecretSource(SEED), sandbox_url).items()}
    settings = settings_for_tests(supabase_db_url=fresh_db_url, **env)
    holder["app"] = create_app(settings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pool = create_pool(settings)
    pool.open()
    with (
        serving(create_sandbox(service_url, secret=SEED), sock),
        psycopg.connect(fresh_db_url, autocommit=True) as db,
    ):
        db.execute(ALWAYS_OPEN)
        db.execute(FAST_BUCKETS)
        worker = OutboxWorker(pool, bootstrap_providers(settings), settings, "webhook-tests")
        running = Stack(service_url, sandbox_url, db, worker, settings, deliveries)
        running.behave(webhook_delay_ms=0)
        try:
            yield running
        finally:
            worker.executor.shutdown(wait=True)
            server.shutdown()
            thread.join(WAIT_SECONDS)
            pool.close()
