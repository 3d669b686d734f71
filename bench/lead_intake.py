"""Requests/s and p50/p99 of POST /public/leads under gunicorn, beside a bare one-INSERT endpoint.

Usage (from the repository root): .venv/bin/python -m bench.lead_intake [--seconds 10] [--clients 4]
[--rounds 5] [--fill 2000]

Both apps run under gunicorn with the project's own settings (gunicorn.conf.py, as the Procfile), each
against its own scratch database. Before they start, the databases are those of a center in use: --fill
form submissions through the service's own path (bench.db_paths' `intake`) and as many rows in the bare
table, then VACUUM ANALYZE (a session keeps the plans it makes until the next ANALYZE of their tables,
decision 0591; `--fill 0` measures from empty, never analyzed tables). The load comes from
--clients processes on the same machine, each posting new leads (unique emails and phones, all channels
consented, a course with an upcoming batch, so each request writes a lead, a submission, three consents and
three outbox messages). The two sides take turns in --rounds slices of the same length, so that a change
in the machine's load falls on both.
Targets: >= 1,000 req/s, p99 < 50 ms, >= 75% of the bare rate. Beside the rates it prints what a request
costs whatever the load: CPU in the gunicorn workers, in PostgreSQL and in the client, the database
statements (autocommit transactions) and the rows read from the tables (sequential scans and index fetches,
foreign-key checks too) per request.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import runpy
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb

from bench.db_paths import PATHS, ROWS_READ, vacuum_analyze
from bench.funnel_db import scratch_database
from bench.process_cpu import Probe, database_backends, probe
from devstack.databases import create_database, drop_database
from devstack.postgres import Cluster
from devstack.state import load_state
from tests.support.gateway import free_port

DATABASE = "cb_bench_lead_intake"
BARE_DATABASE = "cb_bench_lead_intake_bare"
ROOT = Path(__file__).resolve().parent.parent
BARE_SETUP = "create table bench_bare (id bigserial primary key, body jsonb not null)"
BARE_FILL = """
insert into bench_bare (body)
select %s || jsonb_build_object('name', 'Fill ' || i) from generate_series(1, %s) i
"""

LEAD = {"course_slug": "bench-course", "consents": {"email": True, "whatsapp": True, "call": True}}


def start(app: str, url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "BENCH_DB_URL": url, "SUPABASE_DB_URL": url, "APP_ENV": "test",
           "SUPABASE_URL": "http://127.0.0.1:54321", "SUPABASE_ANON_KEY": "anon",
           "SUPABASE_SERVICE_ROLE_KEY": "service-bench", "SUPABASE_JWT_SECRET": "jwt-secret-bench",
           "AUTOMATION_INTERNAL_SECRET": "internal-bench", "LEAD_RATE_LIMIT_PER_MINUTE": "1000000000",
           "LOG_LEVEL": "WARNING", "DB_POOL_MAX_SIZE": "2"}  # fmt: skip
    command = [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}", app]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}  # the access log, one line a request
    process = subprocess.Popen(command, cwd=ROOT, env=env, **quiet)  # noqa: S603 - our own command
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{app} did not start")


def client(port: int, path: str, seconds: float, tag: int, out: multiprocessing.Queue) -> None:
    latencies, n, stop = [], 0, time.monotonic() + seconds
    while time.monotonic() < stop:
        n += 1
        body = json.dumps({**LEAD, "name": f"Lead {tag}-{n}", "email": f"c{tag}-{n}@example.com",
                           "phone": f"+919{tag:03d}{n:06d}"})  # fmt: skip
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("POST", path, body, {"Content-Type": "application/json"})
        status = conn.getresponse().status
        conn.close()
        if status >= 300:
            raise RuntimeError(f"{path} answered {status}")
        latencies.append(time.perf_counter() - started)
    out.put((latencies, time.process_time()))


@dataclass
class Run:
    """One side: requests in `seconds`, their latencies, CPU seconds by process group, statements."""

    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    cpu: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(("gunicorn", "postgres", "client"), 0.0)
    )
    statements_per_request: float = 0.0
    rows_per_request: float = 0.0

    def add(self, other: Run) -> None:
        self.requests += other.requests
        self.seconds += other.seconds
        self.latencies = sorted(self.latencies + other.latencies)
        self.cpu = {group: spent + other.cpu[group] for group, spent in self.cpu.items()}

    def row(self, name: str) -> str:
        p50, p99 = statistics.median(self.latencies), self.latencies[int(len(self.latencies) * 0.99) - 1]
        cost = "  ".join(f"{group} {1000 * spent / self.requests:.2f}" for group, spent in self.cpu.items())
        return (f"{name:<26} {self.requests / self.seconds:6.0f} req/s  p50 {1000 * p50:5.1f} ms  "
                f"p99 {1000 * p99:5.1f} ms | CPU ms/request: {cost} | statements/request "
                f"{self.statements_per_request:.2f} | rows read/request "
                f"{self.rows_per_request:.1f}")  # fmt: skip


@dataclass
class Side:
    """One app under test: its gunicorn process, where it listens, the path it is posted to, its figures."""

    name: str
    server: subprocess.Popen
    port: int
    path: str
    url: str
    run: Run = field(default_factory=Run)
    answered: int = 0  # every request, warm-up included, for the statement count


def measure(side: Side, seconds: float, clients: int, first_tag: int) -> Run:
    """`clients` processes post to `side` for `seconds`; CPU of its gunicorn, PostgreSQL and the clients."""
    database = partial(database_backends, Cluster(load_state()), conninfo_to_dict(side.url)["dbname"])
    cpu: Probe = probe({"gunicorn": side.server.pid, "postgres": database})
    queue: multiprocessing.Queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=client, args=(side.port, side.path, seconds, first_tag + i, queue))
        for i in range(clients)
    ]
    before = cpu()
    for proc in procs:
        proc.start()
    answers = [queue.get() for _ in procs]
    after = cpu()
    for proc in procs:
        proc.join()
    spent = {group: after[group] - before[group] for group in ("gunicorn", "postgres")}
    spent["client"] = sum(client_cpu for _, client_cpu in answers)
    run = Run(seconds=seconds, latencies=sorted(x for batch, _ in answers for x in batch), cpu=spent)
    run.requests = len(run.latencies)
    side.answered += run.requests
    return run


def counters(url: str) -> tuple[int, int]:
    """Transactions (one a statement) and rows read so far in a bench database, once its other sessions are
    gone."""
    with psycopg.connect(url, autocommit=True) as conn:
        while conn.execute(
            "select exists (select from pg_stat_activity where datname = current_database()"
            " and pid <> pg_backend_pid())"
        ).fetchone()[0]:
            time.sleep(0.05)  # gunicorn's sessions end (and flush their statistics) as it stops
        conn.execute("select pg_stat_clear_snapshot()")
        done = conn.execute(
            "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()"
        ).fetchone()[0]
        return done, conn.execute(ROWS_READ).fetchone()[0] or 0


def databases(fill: int) -> tuple[str, str]:
    """The bare endpoint's database (one table of `fill` rows) and the service's (the whole schema, a
    course, a batch, `fill` form submissions), both analyzed unless they are empty."""
    url = scratch_database(DATABASE)
    with psycopg.connect(url, autocommit=True) as conn:
        PATHS["intake"].fill(conn, fill)
    cluster = Cluster(load_state())
    drop_database(cluster, BARE_DATABASE)
    create_database(cluster, BARE_DATABASE)
    bare_url = cluster.url(database=BARE_DATABASE)
    with psycopg.connect(bare_url, autocommit=True) as conn:
        conn.execute(BARE_SETUP)
        conn.execute(BARE_FILL, (Jsonb(LEAD), fill))
    for name in (DATABASE, BARE_DATABASE) if fill else ():
        vacuum_analyze(cluster, name)
    return bare_url, url


def compare(sides: list[Side], counted: dict[str, tuple[int, int]], args: argparse.Namespace) -> None:
    """Warm each side up for a second, then let them take turns for --rounds slices each.

    `counted` holds each database's counters before its server started (its pool connects at once).
    """
    tag = 0
    for side in sides:
        measure(side, 1, args.clients, tag)
        tag += args.clients
    for _ in range(args.rounds):
        for side in sides:
            side.run.add(measure(side, args.seconds / args.rounds, args.clients, tag))
            tag += args.clients
    for side in sides:
        side.server.terminate()
        side.server.wait()
        (done, read), (done_before, read_before) = counters(side.url), counted[side.url]
        side.run.statements_per_request = (done - done_before) / side.answered
        side.run.rows_per_request = (read - read_before) / side.answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--fill", type=int, default=2000, help="form submissions (and bare rows) first")
    args = parser.parse_args()
    bare_url, url = databases(args.fill)
    counted = {db_url: counters(db_url) for db_url in (bare_url, url)}
    sides: list[Side] = []
    try:
        for name, app, path, db_url in (
            ("bare one-INSERT endpoint", "bench.bare_intake:create_app()", "/bare", bare_url),
            ("POST /public/leads", "automation:create_app()", "/public/leads", url),
        ):
            port = free_port()
            sides.append(Side(name, start(app, db_url, port), port, path, db_url))
        compare(sides, counted, args)
    finally:
        for side in sides:
            side.server.terminate()
            side.server.wait()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    web = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    filled = f"after {args.fill} submissions (bare: rows) and ANALYZE" if args.fill else "from empty tables"
    print(f"gunicorn.conf.py ({web['workers']} workers x {web['threads']} threads), {args.clients} client "
          f"processes, {args.seconds:.0f} s each in {args.rounds} turns, {filled}; load {load}")  # fmt: skip
    bare, intake = (side.run for side in sides)
    print(bare.row("bare one-INSERT endpoint"))
    print(intake.row("POST /public/leads"))
    print(f"intake / bare: {intake.requests / bare.requests:.0%}")


if __name__ == "__main__":
    sys.exit(main())
