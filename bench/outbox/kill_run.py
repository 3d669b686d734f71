"""The kill -9 run: a worker killed while it holds claimed rows; duplicates and losses counted from the
sandbox's records and our rows (decision 0580)."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from collections import Counter
from functools import partial

import psycopg
import requests

from automation import create_app
from bench.outbox.processes import fresh_sandbox, start_workers, stop, wait_listeners
from bench.outbox.progress import SENT, UNFINISHED, wait_sent
from bench.outbox.settings import settings_for
from bench.outbox.traffic import add_leads, enqueue, prepared, sessions
from devstack.postgres import Cluster
from tests.support.databases import cloned_database
from tests.support.servers import bound_socket
from tests.support.web_stack import serving_flask

CALLBACK_DELAY_MS = 1000  # the kill run's callbacks: SendGrid posts events within seconds
IN_DOUBT_GRACE_SECONDS = 10.0  # the kill run's workers; short, so that the run ends soon
# The kill run's locks go stale after this: long enough that a live worker's rows are not taken from it while
# the service answers the callbacks on the same two cores (at 3 s, a fifth of all rows were).
KILL_STALE_SECONDS = 20.0
DELIVERED = "+delivered"  # the kill run's addresses: SendGrid's events stop at delivered (fewer callbacks)
HOLDS = "select exists (select 1 from public.outbox where status = 'processing' and locked_by like %s)"


def sandbox_ids(sandbox_url: str) -> Counter:
    params = {"provider": "sendgrid", "kind": "email"}
    records = requests.get(f"{sandbox_url}/_sandbox/api/records", params=params, timeout=60).json()
    return Counter(r["payload"]["custom_args"]["coachbase_message_id"] for r in records)


def kill_when_busy(conn: psycopg.Connection, victim: subprocess.Popen, after: int) -> None:
    """SIGKILL `victim` once `after` rows are sent and it holds claimed rows (its name holds its pid)."""
    holds = (f"%:{victim.pid}:%",)
    while conn.execute(SENT).fetchone()[0] < after or not conn.execute(HOLDS, holds).fetchone()[0]:
        if not conn.execute(UNFINISHED).fetchone()[0]:
            raise RuntimeError("every message went before the worker to kill held any")
        time.sleep(0.005)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()


def kill_run(db_url: str, sandbox_url: str, count: int) -> dict[str, int]:
    """Two workers; one gets SIGKILL a third of the way through, while it holds claimed rows (a worker
    killed while idle proves nothing); a third worker joins to reclaim. A reclaimed email whose send the
    provider accepted is found in SendGrid's events (echoing our message id) and recorded, not sent again;
    one without events waits IN_DOUBT_GRACE_SECONDS for them, then goes (decision 0580)."""
    prepared(db_url)
    with sessions(db_url) as conns:  # a backlog first, so that both workers are busy
        enqueue(conns, add_leads(conns[0], count, DELIVERED), "kill")
    workers = partial(
        start_workers, db_url, sandbox_url, stale=KILL_STALE_SECONDS, grace=IN_DOUBT_GRACE_SECONDS
    )
    processes = workers(2)
    try:
        with psycopg.connect(db_url, autocommit=True) as conn:
            kill_when_busy(conn, processes[0], count // 3)
            wait_listeners(db_url, 1)  # the killed worker's session is gone before the next one is counted
            processes += workers(1)
            wait_sent(conn, count)
    finally:
        stop(processes)
    ids = sandbox_ids(sandbox_url)
    with psycopg.connect(db_url) as conn:
        ours = {
            str(r[0]) for r in conn.execute("select crm_message_id from public.outbox where status = 'sent'")
        }
        retaken = conn.execute("select count(*) from public.outbox where attempts > 1").fetchone()[0]
        found = conn.execute("select count(*) from public.outbox where result ? 'found'").fetchone()[0]
    return {
        "enqueued": count, "rows sent": len(ours), "sandbox accepted": sum(ids.values()),
        "duplicates": sum(n - 1 for n in ids.values()), "most sends of one message": max(ids.values()),
        "losses": len(ours - set(ids)),
        "rows reclaimed": retaken, "found sent in the provider's events": found,
    }  # fmt: skip


def killed_figure(cluster: Cluster, template: str, count: int) -> dict[str, int]:
    """The kill run with the service's webhooks served in this process, called back by the sandbox."""
    sock = bound_socket()
    service_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with (
        cloned_database(cluster, template) as name,
        fresh_sandbox(service_url, {"webhook_delay_ms": CALLBACK_DELAY_MS}) as (_, url),
        serving_flask(create_app(settings_for(cluster.url(database=name), url)), sock),
    ):
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per callback otherwise
        return kill_run(cluster.url(database=name), url, count)
