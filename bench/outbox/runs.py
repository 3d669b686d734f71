"""An outbox run: emails from the start of enqueueing (or, sending alone, from their release) to the last
one sent by N worker processes, with the CPU of each part."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import psycopg

from bench.outbox.figures import Run, measure
from bench.outbox.processes import fresh_sandbox, start_workers, stop
from bench.outbox.progress import wait_sent
from bench.outbox.settings import settings_for
from bench.outbox.traffic import Campaign, add_leads, enqueue, prepared, sessions
from bench.process_cpu import Group, database_backends, probe
from devstack.postgres import Cluster
from tests.support.databases import cloned_database

ENQUEUED = "enqueue to sent"  # enqueue_message from several sessions, in small transactions
ALONE = "sending alone"  # everything enqueued before the clock, released at once
CAMPAIGN = "campaign to sent"  # one campaign to an audience, in one transaction (start_campaign)
MODES = (ENQUEUED, ALONE, CAMPAIGN)


def release(conn: psycopg.Connection) -> None:
    """Every postponed row due now, the workers told."""
    with conn.transaction():
        conn.execute("update public.outbox set next_attempt_at = now()")
        conn.execute("notify outbox")


def ready(mode: str, conns: list[psycopg.Connection], count: int, supabase_url: str) -> Callable[[], None]:
    """Add what `mode` needs before the clock starts; returns what it does on the clock."""
    if mode == CAMPAIGN:
        return partial(Campaign(conns[0], count, supabase_url).start, conns[0])
    recipients = add_leads(conns[0], count)
    if mode == ENQUEUED:
        return partial(enqueue, conns, recipients, "run")
    enqueue(conns, recipients, "first")  # due later: no worker starts on them before the last one listens
    conns[0].execute("update public.outbox set next_attempt_at = now() + interval '1 hour'")
    return partial(release, conns[0])


def outbox_run(
    db_url: str, sandbox_url: str, workers: int, count: int, parts: dict[str, Group], *, mode: str
) -> Run:
    """Time `count` emails, as `mode` enqueues them, to the last one sent by `workers` processes."""
    prepared(db_url)
    with sessions(db_url) as conns:
        start = ready(mode, conns, count, settings_for(db_url, sandbox_url).supabase_url)
        processes = start_workers(db_url, sandbox_url, workers)
        cpu = probe({**parts, "workers": lambda: [p.pid for p in processes]}, own="bench")

        def work() -> None:
            start()
            wait_sent(conns[0], count)

        try:
            return measure(count, cpu, work)
        finally:
            stop(processes)


def outbox_figure(cluster: Cluster, template: str, workers: int, count: int, mode: str) -> Run:
    with fresh_sandbox() as (sandbox, url), cloned_database(cluster, template) as name:
        database = partial(database_backends, cluster, name)  # this run's sessions, not the cluster's
        parts: dict[str, Group] = {"sandbox": sandbox.pid, "database": database}
        return outbox_run(cluster.url(database=name), url, workers, count, parts, mode=mode)
