"""The bench's other processes: the sandbox (a fresh one per run) and the outbox workers, started through
`python -m bench.outbox sandbox|worker`, stopped at the end of each run."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import requests

from automation.db import create_pool
from automation.outbox.worker import OutboxWorker
from automation.providers.bootstrap import bootstrap_providers
from bench.outbox.settings import NO_CALLBACKS, NO_SERVICE, SEED, settings_for
from devstack.sandbox.app import create_sandbox
from tests.support.servers import bound_socket

LISTENING = (
    "select count(*) from pg_stat_activity where datname = current_database() and query = 'listen outbox'"
)


def serve_sandbox(port: int, service_url: str) -> None:
    """Subprocess entry: the sandbox alone in its process, as in development, calling `service_url` back."""
    import uvicorn  # noqa: PLC0415 - only the subprocess needs it

    uvicorn.run(create_sandbox(service_url, secret=SEED), host="127.0.0.1", port=port, log_level="error")


def run_worker(db_url: str, sandbox_url: str, stale_seconds: str, grace_seconds: str) -> None:
    """Subprocess entry: one worker process sending until killed."""
    settings = settings_for(db_url, sandbox_url, outbox_stale_lock_seconds=float(stale_seconds),
                            outbox_in_doubt_grace_seconds=float(grace_seconds), outbox_poll_seconds=0.2,
                            db_pool_max_size=12)  # fmt: skip
    pool = create_pool(settings)
    pool.open()
    OutboxWorker(pool, bootstrap_providers(settings), settings).serve(threading.Event())


def start_sandbox(
    service_url: str = NO_SERVICE, behaviour: dict = NO_CALLBACKS
) -> tuple[subprocess.Popen, str]:
    sock = bound_socket()
    port = sock.getsockname()[1]
    sock.close()
    args = [sys.executable, "-m", "bench.outbox", "sandbox", str(port), service_url]
    process = subprocess.Popen(args)  # noqa: S603 - our own module
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # imports take long on a loaded machine
    while time.monotonic() < deadline:
        try:
            requests.put(f"{url}/_sandbox/api/behaviour", json=behaviour, timeout=1).raise_for_status()
            return process, url
        except requests.ConnectionError:
            time.sleep(0.05)
    stop([process])
    raise RuntimeError("the sandbox did not start")


@contextmanager
def fresh_sandbox(
    service_url: str = NO_SERVICE, behaviour: dict = NO_CALLBACKS
) -> Iterator[tuple[subprocess.Popen, str]]:
    """A sandbox process for one run alone: the sandbox keeps every record and every pending callback, so a
    long-lived one would spend more per request in later runs than in earlier ones."""
    process, url = start_sandbox(service_url, behaviour)
    try:
        yield process, url
    finally:
        stop([process])


def wait_listeners(db_url: str, count: int) -> None:
    """Until exactly `count` sessions LISTEN (a killed worker's session takes a moment to end)."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        while conn.execute(LISTENING).fetchone()[0] != count:
            time.sleep(0.05)


def start_workers(
    db_url: str, sandbox_url: str, count: int, stale: float = 300, grace: float = 600
) -> list[subprocess.Popen]:
    """Start `count` worker processes and return once each LISTENs (imports done), before the clock starts."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        expected = conn.execute(LISTENING).fetchone()[0] + count
        args = [sys.executable, "-m", "bench.outbox", "worker", db_url, sandbox_url, str(stale), str(grace)]
        workers = [subprocess.Popen(args) for _ in range(count)]  # noqa: S603 - our own module
        deadline = time.monotonic() + 120
        while conn.execute(LISTENING).fetchone()[0] < expected:
            if time.monotonic() > deadline:
                raise RuntimeError("the outbox workers did not start")
            time.sleep(0.05)
    return workers


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        process.wait(30)
