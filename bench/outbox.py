"""Outbox figures: messages/s from enqueue to provider-accepted with 1, 2 and 4 worker processes, beside a
bare HTTP loop posting the same email to the same sandbox endpoint with as many connections as a worker
has sends in flight (OUTBOX_CONCURRENCY), so that both sides send with the same concurrency; then a run
where one of two workers is killed with SIGKILL mid-run, counting duplicates and losses from the
sandbox's records and our rows.

Usage: .venv/bin/python -m bench.outbox [messages]   (needs the devstack cluster: python -m devstack db start)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
import requests

from automation.db import create_pool
from automation.outbox.enqueue import Recipient, enqueue_message
from automation.outbox.worker import OutboxWorker
from automation.providers.bootstrap import bootstrap_providers
from automation.providers.ports import Email
from devstack import databases
from devstack.postgres import Cluster
from devstack.sandbox.app import create_sandbox, provider_environment
from devstack.sandbox.secrets import SecretSource
from devstack.state import load_state
from tests.support.databases import cloned_database, ensure_template
from tests.support.servers import bound_socket
from tests.support.settings import settings_for_tests

SEED = "outbox-bench"
NO_CALLBACKS = {"webhook_delay_ms": 3_600_000}  # the bench measures sending; callbacks would share the CPU
ENQUEUE_CHUNK = 20
UNLIMITED = '{"sendgrid": {"per_second": 1000000, "burst": 1000000}}'
CONTEXT = {
    "center_name": "Bench Academy", "website": "https://bench.example", "support_email": "hi@bench.example",
    "support_phone": "+919800000000", "first_name": "Asha", "subject": "Hello", "body": "A short note.",
    "paragraphs": ["A short note."], "author_name": "Meera",
}  # fmt: skip


def settings_for(db_url: str, sandbox_url: str, **overrides: object):
    env = {k.lower(): v for k, v in provider_environment(SecretSource(SEED), sandbox_url).items()}
    return settings_for_tests(supabase_db_url=db_url, **env, **overrides)


def serve_sandbox(port: int) -> None:
    """Subprocess entry: the sandbox alone in its process, as in development."""
    import uvicorn  # noqa: PLC0415 - only the subprocess needs it

    uvicorn.run(
        create_sandbox("http://127.0.0.1:9", secret=SEED), host="127.0.0.1", port=port, log_level="error"
    )


def run_worker(db_url: str, sandbox_url: str, stale_seconds: str) -> None:
    """Subprocess entry: one worker process sending until killed."""
    settings = settings_for(db_url, sandbox_url, outbox_stale_lock_seconds=float(stale_seconds),
                            outbox_poll_seconds=0.2, db_pool_max_size=12)  # fmt: skip
    pool = create_pool(settings)
    pool.open()
    OutboxWorker(pool, bootstrap_providers(settings), settings).serve(threading.Event())


def start_sandbox() -> tuple[subprocess.Popen, str]:
    sock = bound_socket()
    port = sock.getsockname()[1]
    sock.close()
    process = subprocess.Popen([sys.executable, "-m", "bench.outbox", "sandbox", str(port)])  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            requests.put(f"{url}/_sandbox/api/behaviour", json=NO_CALLBACKS, timeout=1).raise_for_status()
            return process, url
        except requests.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("the sandbox did not start")


def bare_loop(sandbox_url: str, count: int, concurrency: int) -> float:
    """Messages/s of `concurrency` HTTP connections (as many as a worker's sends in flight) posting the
    adapter's own request body in a loop, `count` in all."""
    email_sender = bootstrap_providers(settings_for("postgresql://unused", sandbox_url)).email
    body = email_sender.body(
        Email("bench", "asha@example.com", "Asha", "Hello", "A short note.", "<p>Hi</p>")
    )
    headers = dict(email_sender.session.headers)

    def post(n: int) -> None:
        session = requests.Session()
        for _ in range(n):
            session.post(
                f"{sandbox_url}/sendgrid/v3/mail/send", json=body, headers=headers, timeout=10
            ).raise_for_status()

    shares = [count // concurrency + (i < count % concurrency) for i in range(concurrency)]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(post, shares))
    return count / (time.perf_counter() - started)


def enqueue(db_url: str, count: int, tag: str) -> None:
    """Enqueue as traffic does: many small transactions (of ENQUEUE_CHUNK), so sending starts at once."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        lead = conn.execute(
            "insert into public.leads (full_name, email) values ('Asha Rao', 'asha@example.com') returning id"
        ).fetchone()[0]
        recipient = Recipient("Asha Rao", lead_id=str(lead), email="asha@example.com")
        for start in range(0, count, ENQUEUE_CHUNK):
            with conn.transaction():
                for n in range(start, min(start + ENQUEUE_CHUNK, count)):
                    enqueue_message(conn, channel="email", template="reply_to_contact", recipient=recipient,
                                    context=CONTEXT, dedupe_key=f"{tag}:{n}")  # fmt: skip


def sent(db_url: str) -> int:
    with psycopg.connect(db_url) as conn:
        return conn.execute("select count(*) from public.outbox where status = 'sent'").fetchone()[0]


def wait_sent(db_url: str, count: int, limit: float = 600) -> None:
    deadline = time.monotonic() + limit
    while sent(db_url) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {sent(db_url)} of {count} sent")
        time.sleep(0.02)


LISTENING = (
    "select count(*) from pg_stat_activity where datname = current_database() and query = 'listen outbox'"
)


def wait_listeners(db_url: str, count: int) -> None:
    """Until exactly `count` sessions LISTEN (a killed worker's session takes a moment to end)."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        while conn.execute(LISTENING).fetchone()[0] != count:
            time.sleep(0.05)


def start_workers(db_url: str, sandbox_url: str, count: int, stale: float = 300) -> list[subprocess.Popen]:
    """Start `count` worker processes and return once each LISTENs (imports done), before the clock starts."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        expected = conn.execute(LISTENING).fetchone()[0] + count
        args = [sys.executable, "-m", "bench.outbox", "worker", db_url, sandbox_url, str(stale)]
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


def prepared(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("update public.automation_settings set rate_limits = %s::jsonb", (UNLIMITED,))


def outbox_run(db_url: str, sandbox_url: str, workers: int, count: int) -> float:
    prepared(db_url)
    processes = start_workers(db_url, sandbox_url, workers)
    try:
        started = time.perf_counter()
        enqueue(db_url, count, f"run{workers}")
        wait_sent(db_url, count)
        return count / (time.perf_counter() - started)
    finally:
        stop(processes)


def sandbox_ids(sandbox_url: str) -> Counter:
    params = {"provider": "sendgrid", "kind": "email"}
    records = requests.get(f"{sandbox_url}/_sandbox/api/records", params=params, timeout=60).json()
    return Counter(r["payload"]["custom_args"]["coachbase_message_id"] for r in records)


def kill_run(db_url: str, sandbox_url: str, count: int) -> dict[str, int]:
    """Two workers; one gets SIGKILL a third of the way through; a third worker joins to reclaim."""
    prepared(db_url)
    requests.delete(f"{sandbox_url}/_sandbox/api/records", timeout=10)
    processes = start_workers(db_url, sandbox_url, 2, stale=3)
    enqueue(db_url, count, "kill")
    while sent(db_url) < count // 3:
        time.sleep(0.005)
    os.kill(processes[0].pid, signal.SIGKILL)
    processes[0].wait()
    try:
        wait_listeners(db_url, 1)  # the killed worker's session is gone before the next one is counted
        processes += start_workers(db_url, sandbox_url, 1, stale=3)
        wait_sent(db_url, count)
    finally:
        stop(processes)
    ids = sandbox_ids(sandbox_url)
    with psycopg.connect(db_url) as conn:
        ours = {
            str(r[0]) for r in conn.execute("select crm_message_id from public.outbox where status = 'sent'")
        }
        retaken = conn.execute("select count(*) from public.outbox where attempts > 1").fetchone()[0]
    return {
        "enqueued": count, "rows sent": len(ours), "sandbox accepted": sum(ids.values()),
        "duplicates": sum(n - 1 for n in ids.values()), "losses": len(ours - set(ids)),
        "rows reclaimed": retaken,
    }  # fmt: skip


def main(count: int) -> None:
    cluster = Cluster(load_state())
    cluster.start()
    databases.ensure_roles(cluster)
    template = ensure_template(cluster)
    sandbox, sandbox_url = start_sandbox()
    try:
        concurrency = settings_for("x", "x").outbox_concurrency
        bare_label = f"bare HTTP loop ({concurrency} connections)"
        figures = {bare_label: bare_loop(sandbox_url, count, concurrency)}
        for workers in (1, 2, 4):
            with cloned_database(cluster, template) as name:
                rate = outbox_run(cluster.url(database=name), sandbox_url, workers, count)
            figures[f"outbox, {workers} worker process(es)"] = rate
        with cloned_database(cluster, template) as name:
            killed = kill_run(cluster.url(database=name), sandbox_url, count)
    finally:
        stop([sandbox])
    bare = figures[bare_label]
    print(f"{count} emails each; {concurrency} sends in flight per worker process and in the bare loop")
    for label, rate in figures.items():
        print(f"  {label:<34} {rate:8.0f} msg/s  {rate / bare:6.0%} of bare")
    print("kill -9 run:", ", ".join(f"{k} {v}" for k, v in killed.items()))
    print("load:", os.getloadavg())


if __name__ == "__main__":
    if sys.argv[1:2] == ["sandbox"]:
        serve_sandbox(int(sys.argv[2]))
    elif sys.argv[1:2] == ["worker"]:
        run_worker(*sys.argv[2:5])
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
