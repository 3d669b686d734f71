"""The whole bench: each outbox run between two bare loop runs, then the kill -9 run, printed."""

from __future__ import annotations

import os

from bench.outbox.bare_loop import bare_figure
from bench.outbox.figures import cpu_line
from bench.outbox.kill_run import CALLBACK_DELAY_MS, IN_DOUBT_GRACE_SECONDS, KILL_STALE_SECONDS, killed_figure
from bench.outbox.runs import MODES, outbox_figure
from bench.outbox.settings import settings_for
from devstack import databases
from devstack.postgres import Cluster
from devstack.state import load_state
from tests.support.databases import ensure_template


def main(count: int) -> None:
    cluster = Cluster(load_state())
    cluster.start()
    databases.ensure_roles(cluster)
    template = ensure_template(cluster)
    concurrency = settings_for("x", "x").outbox_concurrency
    print(f"{count} emails each; {concurrency} sends in flight per worker process and in the bare loop;")
    print("each outbox run between two bare loop runs, compared with their mean; CPU ms per message by")
    print("part (bench: this process, the bare loop or enqueueing and polling); a fresh sandbox each run")
    for workers in (1, 2, 4):
        for mode in MODES:
            before = bare_figure(count, concurrency)
            run = outbox_figure(cluster, template, workers, count, mode)
            after = bare_figure(count, concurrency)
            bare = (before.rate + after.rate) / 2
            print(
                f"  {workers} worker(s), {mode}: {run.rate:4.0f} msg/s = {run.rate / bare:4.0%} of the bare "
                f"loop ({before.rate:.0f} before, {after.rate:.0f} after); load {os.getloadavg()[0]:.1f}"
            )
            print(f"      CPU outbox {cpu_line(run)}; bare {cpu_line(after)}")
    killed = killed_figure(cluster, template, count)
    print(
        f"kill -9 run: callbacks after {CALLBACK_DELAY_MS} ms to the service served here; locks stale after"
    )
    grace = f"in-doubt grace set to {IN_DOUBT_GRACE_SECONDS:.0f} s (OUTBOX_IN_DOUBT_GRACE_SECONDS)"
    print(f"{KILL_STALE_SECONDS:.0f} s; {grace}")
    print("  ", ", ".join(f"{k} {v}" for k, v in killed.items()))
    print("load:", os.getloadavg())
