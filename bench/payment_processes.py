"""The processes of the payment bench: its scratch database, the sandbox, the web service, and their CPU."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests
import uvicorn
from psycopg import sql

from bench.process_cpu import Group, cpu_seconds, pids_of
from devstack import databases
from devstack.postgres import Cluster
from devstack.sandbox.app import create_sandbox
from devstack.sandbox.payments.credentials import payment_environment

ROOT = Path(__file__).resolve().parent.parent
# Top-level statements only (one line a round trip; triggers and function bodies are not logged), without
# their parameters, which would make logging a webhook dearer than logging a lead.
LOG_STATEMENTS = sql.SQL("alter database {} set log_statement = 'all'")
LOG_NO_PARAMETERS = sql.SQL("alter database {} set log_parameter_max_length = 0")
LOG_SETTINGS_RESET = (
    sql.SQL("alter database {} reset log_statement"),
    sql.SQL("alter database {} reset log_parameter_max_length"),
)


def serve_sandbox(service_url: str, sock: socket.socket) -> None:
    uvicorn.Server(uvicorn.Config(create_sandbox(service_url), log_level="warning")).run(sockets=[sock])


def wait_until_up(url: str) -> None:
    for _ in range(400):
        try:
            requests.get(url, timeout=1)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not start")


def scratch_database(cluster: Cluster) -> str:
    name = f"bench_payments_{uuid.uuid4().hex[:8]}"
    databases.create_database(cluster, name)
    databases.bootstrap_database(cluster, name)
    databases.apply_pending(cluster.url(database=name))
    return name


class StatementLog:
    """Counts the statements database `name` logged since `mark()`, while sessions opened inside `logging()`
    log them all. Logging costs the database CPU, so the bench counts with a service it does not measure."""

    def __init__(self, cluster: Cluster, name: str) -> None:
        self.cluster, self.name = cluster, name
        self.path = cluster.data_dir.parent / "postgres.log"
        self.offset = 0

    @contextmanager
    def logging(self) -> Iterator[None]:
        """Sessions opened inside log their statements; those opened after do not."""
        self._set(LOG_STATEMENTS, LOG_NO_PARAMETERS)
        try:
            yield
        finally:
            self._set(*LOG_SETTINGS_RESET)

    def _set(self, *settings: sql.SQL) -> None:
        with psycopg.connect(self.cluster.url(), autocommit=True) as conn:
            for setting in settings:
                conn.execute(setting.format(sql.Identifier(self.name)))

    def mark(self) -> None:
        self.offset = self.path.stat().st_size

    def count(self) -> int:
        with self.path.open("rb") as log:
            log.seek(self.offset)
            return sum(b"LOG:  statement: " in line or b"LOG:  execute " in line for line in log)


def service_environment(db_url: str, sandbox_url: str) -> dict[str, str]:
    return {
        **os.environ,
        **payment_environment(sandbox_url),
        "PAYMENTS_PROVIDER": "phonepe",
        "APP_ENV": "test",
        "SUPABASE_URL": "http://127.0.0.1:9",
        "SUPABASE_ANON_KEY": "bench",
        "SUPABASE_SERVICE_ROLE_KEY": "bench",
        "SUPABASE_JWT_SECRET": "bench-secret",
        "SUPABASE_DB_URL": db_url,
        "AUTOMATION_INTERNAL_SECRET": "bench",
        "DB_POOL_MAX_SIZE": "8",
        "LEAD_RATE_LIMIT_PER_MINUTE": "100000000",
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def web_service(port: int, env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """The web process exactly as the Procfile and ./scripts/run start it (its access log discarded), up
    and answering; stopped on exit, its database sessions with it."""
    web = subprocess.Popen(  # noqa: S603 (our own interpreter and fixed arguments)
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "automation.wsgi:app"],
        env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health")
        yield web
    finally:
        web.terminate()
        web.wait(10)


def cpu_by_process(groups: dict[str, Group]) -> dict[str, dict[int, float]]:
    """CPU seconds so far of every process of every group, and of this process (the senders)."""
    found = {name: {pid: cpu_seconds(pid) for pid in pids_of(group)} for name, group in groups.items()}
    return {"senders": {os.getpid(): time.process_time()}, **found}


def cpu_spent(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict[str, float]:
    """CPU seconds each group spent in between; a process that started in between counts from zero."""
    return {
        name: sum(seconds - before[name].get(pid, 0.0) for pid, seconds in pids.items())
        for name, pids in after.items()
    }


def cpu_line(spent: dict[str, float], count: int) -> str:
    """Milliseconds of CPU per item by group, their sum, and the rate two busy cores would allow."""
    each = {name: 1000 * seconds / count for name, seconds in spent.items()}
    total = sum(each.values())
    parts = ", ".join(f"{name} {ms:.2f}" for name, ms in each.items())
    return f"{parts} = {total:.2f} ms (at most {2000 / total:.0f}/s on 2 cores)"
