"""An outbox run: emails from the start of enqueueing (or, sending alone, from their release) to the last
one sent by N worker processes, with the CPU of each part."""

from __future__ import annotations

from bench.outbox.figures import Run, measure
from bench.outbox.processes import fresh_sandbox, start_workers, stop
from bench.outbox.progress import wait_sent
from bench.outbox.traffic import add_leads, enqueue, prepared, sessions
from bench.process_cpu import Group, postmaster_pid, probe
from devstack.postgres import Cluster
from tests.support.databases import cloned_database


def outbox_run(
    db_url: str, sandbox_url: str, workers: int, count: int, parts: dict[str, Group], *, enqueue_first: bool
) -> Run:
    """Time `count` emails from the start of enqueueing to the last one sent by `workers` processes; with
    `enqueue_first`, every email is enqueued before the workers start (sending alone)."""
    prepared(db_url)
    with sessions(db_url) as conns:
        recipients = add_leads(conns[0], count)
        if enqueue_first:  # due later, so that no worker starts on them before the last one is listening
            enqueue(conns, recipients, "first")
            conns[0].execute("update public.outbox set next_attempt_at = now() + interval '1 hour'")
        processes = start_workers(db_url, sandbox_url, workers)
        cpu = probe({**parts, "workers": lambda: [p.pid for p in processes]}, own="bench")

        def work() -> None:
            if enqueue_first:
                with conns[0].transaction():
                    conns[0].execute("update public.outbox set next_attempt_at = now()")
                    conns[0].execute("notify outbox")
            else:
                enqueue(conns, recipients, f"run{workers}")
            wait_sent(conns[0], count)

        try:
            return measure(count, cpu, work)
        finally:
            stop(processes)


def outbox_figure(cluster: Cluster, template: str, workers: int, count: int, *, enqueue_first: bool) -> Run:
    postmaster = postmaster_pid(cluster.data_dir)
    with fresh_sandbox() as (sandbox, url), cloned_database(cluster, template) as name:
        parts: dict[str, Group] = {"sandbox": sandbox.pid, "database": postmaster}
        return outbox_run(cluster.url(database=name), url, workers, count, parts, enqueue_first=enqueue_first)
