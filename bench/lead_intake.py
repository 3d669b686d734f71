"""Requests/s and p50/p99 of POST /public/leads under gunicorn, beside a bare one-INSERT endpoint.

Usage (from the repository root): .venv/bin/python -m bench.lead_intake [--seconds 10] [--clients 4]

Both apps run under gunicorn with the project's own settings (gunicorn.conf.py, as the Procfile) against a
scratch database; the load comes from --clients processes on the same machine, each posting new leads
(unique emails, all channels consented, a course with an upcoming batch, so each request writes a lead, a
submission, three consents and three outbox messages). Targets: >= 1,000 req/s, p99 < 50 ms, >= 75% of the
bare rate. Beside the rates it prints what a request costs whatever the load: CPU in the gunicorn workers,
in PostgreSQL and in the client, and the database statements (autocommit transactions) per request.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.funnel_db import scratch_database
from bench.process_cpu import Probe, postmaster_pid, probe
from devstack.postgres import Cluster
from devstack.state import load_state

DATABASE = "cb_bench_lead_intake"
ROOT = Path(__file__).resolve().parent.parent
SETUP = [
    "create table bench_bare (id bigserial primary key, body jsonb not null)",
    "insert into public.courses (id, slug, title, price_paise, published)"
    " values ('00000000-0000-0000-0000-00000000000c', 'bench-course', 'Bench', 100000, true)",
    "insert into public.batches (course_id, name, starts_on, status)"
    " values ('00000000-0000-0000-0000-00000000000c', 'B1', current_date + 7, 'open')",
]

LEAD = {"course_slug": "bench-course", "consents": {"email": True, "whatsapp": True, "call": True}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
                           "phone": f"+9198{tag:02d}{n:06d}"})  # fmt: skip
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

    requests: int
    seconds: float
    latencies: list[float]
    cpu: dict[str, float]
    statements_per_request: float = 0.0

    def row(self, name: str) -> str:
        p50, p99 = statistics.median(self.latencies), self.latencies[int(len(self.latencies) * 0.99) - 1]
        cost = "  ".join(f"{group} {1000 * spent / self.requests:.2f}" for group, spent in self.cpu.items())
        return (f"{name:<26} {self.requests / self.seconds:6.0f} req/s  p50 {1000 * p50:5.1f} ms  "
                f"p99 {1000 * p99:5.1f} ms | CPU ms/request: {cost} | statements/request "
                f"{self.statements_per_request:.2f}")  # fmt: skip


def measure(port: int, path: str, seconds: float, clients: int, cpu: Probe) -> Run:
    queue: multiprocessing.Queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=client, args=(port, path, seconds, i, queue)) for i in range(clients)
    ]
    before = cpu()
    for proc in procs:
        proc.start()
    answers = [queue.get() for _ in procs]
    after = cpu()
    for proc in procs:
        proc.join()
    latencies = sorted(x for batch, _ in answers for x in batch)
    spent = {group: after[group] - before[group] for group in ("gunicorn", "postgres")}
    spent["client"] = sum(client_cpu for _, client_cpu in answers)
    return Run(len(latencies), seconds, latencies, spent)


def transactions(url: str) -> int:
    """Transactions so far in the bench database (one a statement), once its other sessions are gone."""
    with psycopg.connect(url, autocommit=True) as conn:
        while conn.execute(
            "select exists (select from pg_stat_activity where datname = current_database()"
            " and pid <> pg_backend_pid())"
        ).fetchone()[0]:
            time.sleep(0.05)  # gunicorn's sessions end (and flush their statistics) as it stops
        conn.execute("select pg_stat_clear_snapshot()")
        return conn.execute(
            "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()"
        ).fetchone()[0]


def run_side(app: str, path: str, url: str, args: argparse.Namespace) -> Run:
    """Start `app`, warm it up, measure it, stop it; statements count every request it answered."""
    port, first = free_port(), transactions(url)
    server = start(app, url, port)
    postgres = postmaster_pid(Cluster(load_state()).data_dir)
    try:
        warm = measure(port, path, 1, args.clients, probe({"gunicorn": server.pid, "postgres": postgres}))
        found = measure(
            port, path, args.seconds, args.clients, probe({"gunicorn": server.pid, "postgres": postgres})
        )
    finally:
        server.terminate()
        server.wait()
    found.statements_per_request = (transactions(url) - first) / (warm.requests + found.requests)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    url = scratch_database(DATABASE)
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in SETUP:
            conn.execute(statement)
    bare = run_side("bench.bare_intake:create_app()", "/bare", url, args)
    intake = run_side("automation:create_app()", "/public/leads", url, args)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    workers = os.environ.get("WEB_CONCURRENCY", "4")
    print(
        f"gunicorn.conf.py (-w {workers}), {args.clients} client processes, {args.seconds:.0f} s; load {load}"
    )
    print(bare.row("bare one-INSERT endpoint"))
    print(intake.row("POST /public/leads"))
    print(f"intake / bare: {intake.requests / bare.requests:.0%}")


if __name__ == "__main__":
    sys.exit(main())
