"""Requests/s and p50/p99 of POST /public/leads under gunicorn, beside a bare one-INSERT endpoint.

Usage (from the repository root): .venv/bin/python -m bench.lead_intake [--seconds 10] [--clients 4]

Both apps run under gunicorn with the same worker count (2 x cores) against a scratch database; the
load comes from --clients processes on the same machine, each posting new leads (unique emails, all
channels consented, a course with an upcoming batch, so each request writes a lead, a submission,
three consents and three outbox messages). Targets: >= 1,000 req/s, p99 < 50 ms, >= 75% of the bare rate.
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
from pathlib import Path

import psycopg

from bench.funnel_db import scratch_database

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


def start(app: str, url: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "BENCH_DB_URL": url, "SUPABASE_DB_URL": url, "APP_ENV": "test",
           "SUPABASE_URL": "http://127.0.0.1:54321", "SUPABASE_ANON_KEY": "anon",
           "SUPABASE_SERVICE_ROLE_KEY": "service-bench", "SUPABASE_JWT_SECRET": "jwt-secret-bench",
           "AUTOMATION_INTERNAL_SECRET": "internal-bench", "LEAD_RATE_LIMIT_PER_MINUTE": "1000000000",
           "LOG_LEVEL": "WARNING", "DB_POOL_MAX_SIZE": "2"}  # fmt: skip
    command = [str(ROOT / ".venv/bin/gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}", app]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)  # noqa: S603 - our own command
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
    out.put(latencies)


def measure(port: int, path: str, seconds: float, clients: int) -> tuple[float, float, float]:
    queue: multiprocessing.Queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=client, args=(port, path, seconds, i, queue)) for i in range(clients)
    ]
    for proc in procs:
        proc.start()
    latencies = sorted(x for _ in procs for x in queue.get())
    for proc in procs:
        proc.join()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    return len(latencies) / seconds, statistics.median(latencies) * 1000, p99 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    url = scratch_database(DATABASE)
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in SETUP:
            conn.execute(statement)
    workers = 2 * (os.cpu_count() or 1)
    rows = []
    for name, app, path in (("bare one-INSERT endpoint", "bench.bare_intake:create_app()", "/bare"),
                            ("POST /public/leads", "automation:create_app()", "/public/leads")):  # fmt: skip
        port = free_port()
        server = start(app, url, port, workers)
        try:
            measure(port, path, 1, args.clients)  # warm-up
            rows.append((name, *measure(port, path, args.seconds, args.clients)))
        finally:
            server.terminate()
            server.wait()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"gunicorn -w {workers}, {args.clients} client processes, {args.seconds:.0f} s each; load {load}")
    for name, rate, p50, p99 in rows:
        print(f"{name:<28} {rate:8.0f} req/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms")
    print(f"intake / bare: {rows[1][1] / rows[0][1]:.0%}")


if __name__ == "__main__":
    sys.exit(main())
