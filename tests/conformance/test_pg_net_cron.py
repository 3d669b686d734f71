"""pg_net's interface with devstack's worker, Vault's shape, and pg_cron calling an endpoint via pg_net."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import psycopg
import pytest

from devstack.databases import admin_connect
from devstack.postgres import Cluster
from tests.support.gateway import GatewayProcess


class Endpoint:
    """A local HTTP server recording what it receives; `/slow` answers after two seconds."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer()

            def do_POST(self) -> None:
                self._answer()

            def _answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                endpoint.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                if self.path.startswith("/slow"):
                    time.sleep(2)
                with contextlib.suppress(BrokenPipeError):  # the slow path's caller gave up already
                    self.send_response(201)
                    self.send_header("content-type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"ok": true}')

            def log_message(self, *_args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def wait_for(self, path: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for request in self.received:
                if request["path"].startswith(path):
                    return request
            time.sleep(0.1)
        raise TimeoutError(f"{path} never called; got {self.received}")


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    server = Endpoint()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.server.shutdown()


def response_of(sql: psycopg.Connection, request_id: int, timeout: float = 15.0) -> tuple[Any, ...]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = sql.execute(
            "select status_code, content_type, content, timed_out, error_msg"
            " from net._http_response where id = %s",
            (request_id,),
        ).fetchone()
        if row:
            return row
        time.sleep(0.1)
    raise TimeoutError(f"no response recorded for request {request_id}")


def test_http_post_and_get_are_performed_and_recorded(
    gateway: GatewayProcess, sql: psycopg.Connection, endpoint: Endpoint
) -> None:
    (post_id,) = sql.execute(
        'select net.http_post(url := %s, body := \'{"tick": 1}\', params := \'{"q": "a b"}\','
        ' headers := \'{"Authorization": "Bearer s3cret"}\')',
        (f"{endpoint.url}/hook",),
    ).fetchone()
    (get_id,) = sql.execute("select net.http_get(%s)", (f"{endpoint.url}/ping",)).fetchone()
    assert response_of(sql, post_id)[:3] == (201, "application/json", '{"ok": true}')
    assert response_of(sql, get_id)[0] == 201
    posted = endpoint.wait_for("/hook", 5)
    assert posted["path"] == "/hook?q=a%20b"
    assert json.loads(posted["body"]) == {"tick": 1}
    assert posted["headers"]["Authorization"] == "Bearer s3cret"
    assert posted["headers"]["Content-Type"] == "application/json"
    assert sql.execute("select count(*) from net.http_request_queue").fetchone() == (0,)


def test_timeouts_and_unreachable_hosts_are_recorded_as_errors(
    gateway: GatewayProcess, sql: psycopg.Connection, endpoint: Endpoint
) -> None:
    (slow_id,) = sql.execute(
        "select net.http_get(%s, timeout_milliseconds := 200)", (f"{endpoint.url}/slow",)
    ).fetchone()
    (dead_id,) = sql.execute("select net.http_get('http://127.0.0.1:9/nothing')").fetchone()
    status, _type, _content, timed_out, error = response_of(sql, slow_id)
    assert (status, timed_out) == (None, True)
    assert "200 ms" in error
    assert response_of(sql, dead_id)[4]


def test_http_post_refuses_a_non_json_content_type(sql: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.RaiseException, match="Content-Type"):
        sql.execute("select net.http_post('http://x', headers := '{\"content-type\": \"text/plain\"}')")


def test_vault_secrets_read_back_decrypted(sql: psycopg.Connection) -> None:
    name = f"automation-secret-{uuid.uuid4().hex[:6]}"
    sql.execute("select vault.create_secret('tok-123', %s, 'for cron')", (name,))
    row = sql.execute(
        "select decrypted_secret, description from vault.decrypted_secrets where name = %s", (name,)
    )
    assert row.fetchone() == ("tok-123", "for cron")


def test_cron_job_calls_an_endpoint_through_pg_net(
    gateway: GatewayProcess, cluster: Cluster, realtime_db: str, endpoint: Endpoint
) -> None:
    """pg_cron here is 1.4 (minute granularity): the job fires at the next minute boundary."""
    job = f"devstack-test-{uuid.uuid4().hex[:8]}"
    command = f"select net.http_post(url := '{endpoint.url}/tick/{job}', body := '{{\"job\": \"{job}\"}}')"
    with admin_connect(cluster, "postgres") as cron:
        cron.execute("create extension if not exists pg_cron")
        cron.execute("select cron.schedule_in_database(%s, '* * * * *', %s, %s)", (job, command, realtime_db))
        try:
            arrived = endpoint.wait_for(f"/tick/{job}", timeout=90)
        finally:
            cron.execute("select cron.unschedule(%s)", (job,))
    assert json.loads(arrived["body"]) == {"job": job}


def test_standard_schedules_are_accepted(cluster: Cluster) -> None:
    with admin_connect(cluster, "postgres") as cron:
        cron.execute("create extension if not exists pg_cron")
        (job_id,) = cron.execute(
            "select cron.schedule('devstack-accepts-minutely', '* * * * *', 'select 1')"
        ).fetchone()
        try:
            assert cron.execute("select schedule from cron.job where jobid = %s", (job_id,)).fetchone() == (
                "* * * * *",
            )
        finally:
            cron.execute("select cron.unschedule(%s::bigint)", (job_id,))
