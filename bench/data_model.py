"""Times the dashboard RPCs on a large center (1M leads, 3M messages...) called as PostgREST calls them.

Usage: .venv/bin/python bench/data_model.py [--scale 1.0] [--runs 30] [--keep]

Builds its own database in the devstack cluster (bootstrap + migrations), fills it with set-based SQL
(bench/data_model_fill.sql) and VACUUM ANALYZEs it; then for each RPC runs warm-up calls and --runs timed
calls, each in its own transaction as `authenticator` switched to the `authenticated` role with the
caller's claims in `request.jwt.claims`, and prints p50 / p95 / max in milliseconds. Target: under 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

import psycopg
from psycopg.sql import SQL, Identifier

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devstack import databases
from devstack.migrations import apply_pending
from devstack.postgres import Cluster
from devstack.state import load_state

FILL_SQL = Path(__file__).with_name("data_model_fill.sql")
DATABASE = "cb_bench_data_model"
FULL_SIZE = {
    "leads": 1_000_000,
    "messages": 3_000_000,
    "enrollments": 100_000,
    "sessions": 200_000,
    "students": 80_000,
    "batches": 4_000,
    "instructors": 200,
}
TARGET_MS = 50.0
WARM_UP = 3
REQUEST_CONTEXT = """
select set_config('search_path', 'public, extensions', true),
       set_config('role', 'authenticated', true),
       set_config('request.jwt.claims', %s, true)
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (default 1.0)")
    parser.add_argument("--runs", type=int, default=30, help="timed calls per RPC (default 30)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def sizes_at(scale: float) -> dict[str, int]:
    sizes = {name: max(1, round(count * scale)) for name, count in FULL_SIZE.items()}
    sizes["sessions"] = max(sizes["sessions"], sizes["batches"] * 2)
    sizes["instructors"] = max(sizes["instructors"], 2)
    return sizes


def fill_steps() -> list[tuple[str, str]]:
    """The fill script's `-- step: name` blocks, in order."""
    blocks = FILL_SQL.read_text().split("-- step: ")[1:]
    return [(block.split("\n", 1)[0].strip(), block.split("\n", 1)[1]) for block in blocks]


def build(cluster: Cluster, sizes: dict[str, int]) -> str:
    """A fresh database with the schema and the filled center; returns its URL."""
    databases.ensure_roles(cluster)
    databases.drop_database(cluster, DATABASE)
    databases.create_database(cluster, DATABASE)
    databases.bootstrap_database(cluster, DATABASE)
    url = cluster.url(database=DATABASE)
    apply_pending(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("set session_replication_role = replica")
        for name, count in sizes.items():
            conn.execute("select set_config(%s, %s, false)", (f"bench.{name}", str(count)))
        for name, sql in fill_steps():
            started = time.perf_counter()
            conn.execute(sql)
            print(f"  fill {name:<40} {time.perf_counter() - started:7.1f} s", flush=True)
    return url


def callers(url: str) -> dict[str, dict[str, object]]:
    """JWT claims of the admin and of a student with the most enrollments, as Supabase Auth issues them."""
    with psycopg.connect(url) as conn:
        admin = conn.execute("select id, email from public.profiles where role = 'admin' limit 1").fetchone()
        student = conn.execute(
            "select p.id, p.email from public.profiles p join public.enrollments e on e.student_id = p.id"
            " group by 1, 2 order by count(*) desc, 1 limit 1"
        ).fetchone()
    return {
        role: {"sub": str(person[0]), "email": person[1], "role": "authenticated", "aud": "authenticated"}
        for role, person in (("admin", admin), ("student", student))
    }


def rpc_calls() -> list[tuple[str, str, str, tuple]]:
    today = dt.date.today()
    return [
        ("get_admin_stats()", "admin", "select public.get_admin_stats()", ()),
        ("get_recent_activity(20)", "admin", "select * from public.get_recent_activity(%s)", (20,)),
        (
            "get_funnel(30 days)",
            "admin",
            "select * from public.get_funnel(%s, %s)",
            (today - dt.timedelta(days=29), today),
        ),
        (
            "get_funnel(90 days)",
            "admin",
            "select * from public.get_funnel(%s, %s)",
            (today - dt.timedelta(days=89), today),
        ),
        ("get_student_progress() as student", "student", "select * from public.get_student_progress()", ()),
    ]


def time_call(
    conn: psycopg.Connection, claims: dict[str, object], sql: str, params: tuple, runs: int
) -> list[float]:
    """Milliseconds of each timed call (after WARM_UP untimed ones), each in a request-like transaction."""
    timings = []
    for run in range(WARM_UP + runs):
        with conn.transaction():
            conn.execute(REQUEST_CONTEXT, (json.dumps(claims),))
            started = time.perf_counter()
            conn.execute(sql, params).fetchall()
            elapsed = (time.perf_counter() - started) * 1000
        if run >= WARM_UP:
            timings.append(elapsed)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(cluster: Cluster, url: str, runs: int) -> None:
    claims = callers(url)
    print(f"\nload average before timing: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{'RPC':<36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  target {TARGET_MS:.0f} ms")
    with psycopg.connect(cluster.url(user="authenticator", database=DATABASE)) as conn:
        for label, caller, sql, params in rpc_calls():
            timings = time_call(conn, claims[caller], sql, params, runs)
            p95 = percentile(timings, 0.95)
            verdict = "met" if p95 < TARGET_MS else "MISSED"
            print(
                f"{label:<36} {statistics.median(timings):8.2f} {p95:8.2f} {max(timings):8.2f}  {verdict}",
                flush=True,
            )
    print(f"load average after timing: {os.getloadavg()[0]:.2f}")


def row_counts(url: str) -> None:
    tables = (
        "leads",
        "crm_messages",
        "conversations",
        "enrollments",
        "sessions",
        "attendance",
        "payments",
        "assignment_submissions",
        "outbox",
    )
    with psycopg.connect(url) as conn:
        count = SQL("select count(*) from {}")
        counts = {
            table: conn.execute(count.format(Identifier("public", table))).fetchone()[0] for table in tables
        }
    print("rows: " + ", ".join(f"{table} {count:,}" for table, count in counts.items()))


def main() -> None:
    args = parse_args()
    cluster = Cluster(load_state())
    cluster.start()
    sizes = sizes_at(args.scale)
    print(f"Building {DATABASE} at scale {args.scale}: {sizes}")
    started = time.perf_counter()
    url = build(cluster, sizes)
    print(f"built in {time.perf_counter() - started:.0f} s")
    row_counts(url)
    try:
        measure(cluster, url, args.runs)
    finally:
        if not args.keep:
            databases.drop_database(cluster, DATABASE)


if __name__ == "__main__":
    main()
