"""Database CPU of the three hot write paths, one backend at a time: a landing-form submission, a payment
conversion (its webhook recorded, the confirmed state applied, the duplicate recorded) and an outbox enqueue.

Usage (from the repository root): .venv/bin/python -m bench.db_paths [--count 400] [--fill 2000] [--rounds 3]
                                      [--explain] [--paths intake,payment,enqueue]

Each path runs on a fresh scratch database of the devstack cluster, serially on one connection, with the
statements the service sends (its own functions build them). `--fill` operations run first and the tables
are analyzed, so that plans are made for tables of a center in use: a session keeps the plans it made, and
one made on an empty or tiny table (the foreign-key checks' too) scans it however large it grows; `--fill 0`
shows that. Then the passes, each in a new session that first warms its plans on a tenth as many operations:
- *cpu* (`--rounds` of them): the backend's CPU per operation, read from /proc (nothing else switched on),
  and the rows read per operation (sequential scans and index fetches, from pg_stat_all_tables), which no
  load on the machine changes;
- *functions*: with track_functions = all, every function's calls and self time per operation
  (pg_stat_user_functions), the largest printed;
- *executor runs* (`--explain`): auto_explain with log_nested_statements logs every executor run (statements,
  trigger and function bodies, foreign-key checks), counted from the server log.
On a shared machine the CPU figure moves with the load (printed); the counts do not.
"""

from __future__ import annotations

import argparse
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import scalar_row
from psycopg.types.json import Jsonb

from automation.outbox.enqueue import Recipient, enqueue_message
from automation.providers.payments import PaymentState, PaymentStatus
from automation.workflows.lead_intake import LeadForm, RateLimit, submit_lead
from automation.workflows.offers import course_files_url
from automation.workflows.payment_confirmation import apply_payment_state
from automation.workflows.payment_events import RECORD
from bench.outbox.settings import CONTEXT
from bench.outbox.traffic import add_leads
from bench.process_cpu import cpu_seconds
from devstack import databases
from devstack.postgres import Cluster
from devstack.state import load_state

INTAKE_SETUP = """
insert into public.courses (id, slug, title, price_paise, published)
values ('00000000-0000-0000-0000-00000000000c', 'bench-course', 'Bench', 100000, true);
insert into public.batches (course_id, name, starts_on, status)
values ('00000000-0000-0000-0000-00000000000c', 'B1', current_date + 7, 'open')
"""
# As bench.payments seeds them: each payer has an account, so a conversion enrolls (no invitation).
PAYMENT_SETUP = """
insert into public.courses (id, slug, title, price_paise)
values ('00000000-0000-0000-0000-0000000000c1', 'bench', 'Bench Course', 1250000);
insert into public.batches (id, course_id, name, starts_on, status)
values ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000c1', 'Bench Batch',
        '2027-01-09', 'open');
insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
       'bench' || i || '@example.com', '{"provider": "email"}', now(), now()
  from generate_series(0, %(n)s - 1) i;
insert into public.leads (full_name, email, phone, status)
select 'Bench Lead ' || i, 'bench' || i || '@example.com', '+9197' || lpad(i::text, 8, '0'), 'payment_sent'
  from generate_series(0, %(n)s - 1) i;
insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise)
select l.id, '00000000-0000-0000-0000-0000000000b1', 'phonepe', 'order-' || i, 1250000
  from generate_series(0, %(n)s - 1) i join public.leads l on l.email = 'bench' || i || '@example.com'
"""
FUNCTIONS = """
select schemaname || '.' || funcname, calls, self_time, total_time
  from pg_stat_user_functions where calls > 0 order by self_time desc
"""
TOP_FUNCTIONS = 12
ROWS_READ = """
select sum(seq_tup_read + coalesce(idx_tup_fetch, 0))::bigint from pg_stat_all_tables
 where schemaname in ('public', 'private', 'auth')
"""


@dataclass(frozen=True)
class WritePath:
    """What a path needs in the database first (given how many operations will run; it returns what the
    runs share), and one run of operation number n."""

    setup: Callable[[psycopg.Connection, int], Any]
    run: Callable[[psycopg.Connection, int, Any], None]

    def fill(self, conn: psycopg.Connection, count: int, total: int = 0) -> Any:
        """Set up for `count + total` operations and run the first `count` (numbers 0 to count - 1);
        returns what the runs share."""
        shared = self.setup(conn, count + total)
        for n in range(count):
            self.run(conn, n, shared)
        return shared


def vacuum_analyze(cluster: Cluster, name: str) -> None:
    """Statistics for every table of database `name`, as autovacuum keeps them for a center in use."""
    with databases.admin_connect(cluster, name) as conn:
        conn.execute("vacuum analyze")


def intake_setup(conn: psycopg.Connection, total: int) -> None:
    for statement in INTAKE_SETUP.split(";"):
        conn.execute(statement)


def intake(conn: psycopg.Connection, n: int, _: None) -> None:
    """A new lead from the form, every channel consented, as POST /public/leads submits it."""
    consents = {"email": True, "whatsapp": True, "call": True}
    form = LeadForm(name=f"Lead {n}", email=f"form{n}@example.com", phone=f"+9198{n:08d}",
                    course_slug="bench-course", consents=consents)  # fmt: skip
    submit_lead(conn, form, dedupe_minutes=1440, files_url=course_files_url("http://127.0.0.1:9"),
                rate_limit=RateLimit("leads:127.0.0.1", 10**9))  # fmt: skip


def payment_setup(conn: psycopg.Connection, total: int) -> str:
    """The payments to convert; returns the credentials' stamp, which the service sends with each webhook."""
    for statement in PAYMENT_SETUP.split(";"):
        conn.execute(statement, {"n": total})
    return conn.execute("select private.credentials_stamp()").fetchone()[0]


def payment(conn: psycopg.Connection, n: int, stamp: str) -> None:
    """A PhonePe payment's webhook recorded, its confirmed state applied, then the webhook's duplicate."""
    reference, event_id = f"order-{n}", f"event-{n}"
    record = (
        "phonepe", event_id, "paid", Jsonb({"Authorization": "bench"}), "{}", Jsonb({"orderId": reference}),
        reference, "paid", stamp,
    )  # fmt: skip
    cursor = conn.cursor(row_factory=scalar_row)
    cursor.execute(RECORD, record).fetchone()
    state = PaymentState("phonepe", reference, PaymentStatus.PAID, 1250000, f"T{reference}", None, {})
    apply_payment_state(conn, state, event_id=event_id)
    cursor.execute(RECORD, record).fetchone()


def enqueue(conn: psycopg.Connection, n: int, recipients: list[Recipient]) -> None:
    """One email to its own lead (added by the setup), as a campaign enqueues it."""
    enqueue_message(conn, channel="email", template="reply_to_contact", recipient=recipients[n],
                    context=CONTEXT, dedupe_key=f"bench:{n}")  # fmt: skip


PATHS = {
    "intake": WritePath(intake_setup, intake),
    "payment": WritePath(payment_setup, payment),
    "enqueue": WritePath(add_leads, enqueue),
}


class Scratch:
    """A fresh migrated database for one path, with the operations numbered across every pass."""

    def __init__(self, cluster: Cluster, path: WritePath, total: int, fill: int) -> None:
        """`fill` operations run first, then ANALYZE: a session plans for tables of that size and keeps
        those plans (a plan made on an empty table scans it, however large it grows)."""
        self.cluster, self.path, self.next = cluster, path, 0
        self.name = f"bench_db_paths_{uuid.uuid4().hex[:8]}"
        databases.create_database(cluster, self.name)
        databases.bootstrap_database(cluster, self.name)
        databases.apply_pending(cluster.url(database=self.name))
        with self.connect() as conn:
            self.shared = path.fill(conn, fill, total)
        self.next = fill
        vacuum_analyze(cluster, self.name)

    def connect(self) -> psycopg.Connection:
        """A connection as the service opens it (its role, autocommit)."""
        return psycopg.connect(self.cluster.url(database=self.name), autocommit=True)

    def admin(self) -> psycopg.Connection:
        return databases.admin_connect(self.cluster, self.name)

    def configure(self, **settings: str) -> None:
        """Settings of the sessions opened from now on."""
        with self.admin() as conn:
            for name, value in settings.items():
                statement = sql.SQL("alter database {} set {} = {}")
                conn.execute(statement.format(sql.Identifier(self.name), sql.SQL(name), sql.Literal(value)))

    def session(self, count: int, warm: int, between: Callable[[], None] | None = None) -> float:
        """Run `warm` then `count` operations in a new session; the backend's CPU seconds over the latter.
        `between` runs after the warm-up (as the superuser, e.g. to reset statistics); the statistics of
        both parts reach shared memory when the backend goes idle after a forced flush."""
        with self.connect() as conn:
            pid = conn.info.backend_pid
            self.run(conn, warm)
            conn.execute("select pg_stat_force_next_flush()")
            if between:
                between()
            before = cpu_seconds(pid)
            self.run(conn, count)
            spent = cpu_seconds(pid) - before
            conn.execute("select pg_stat_force_next_flush()")
        return spent

    def rows_read(self) -> int:
        """Rows read so far from the tables (sequential scans and index fetches, foreign-key checks too)."""
        with self.admin() as conn:
            return conn.execute(ROWS_READ).fetchone()[0]

    def run(self, conn: psycopg.Connection, count: int) -> None:
        """The next `count` operations on `conn`."""
        for n in range(self.next, self.next + count):
            self.path.run(conn, n, self.shared)
        self.next += count

    def drop(self) -> None:
        databases.drop_database(self.cluster, self.name)


def cpu_rounds(scratch: Scratch, count: int, warm: int, rounds: int) -> tuple[list[float], float]:
    """The backend's CPU seconds of each round (a session of its own; the least is the one other work on
    the machine disturbed least), and the rows read per round on average."""
    cpu, rows, marks = [], 0, []
    for _ in range(rounds):
        cpu.append(scratch.session(count, warm, between=lambda: marks.append(scratch.rows_read())))
        rows += scratch.rows_read() - marks[-1]
    return cpu, rows / rounds


def functions_per_operation(scratch: Scratch, count: int, warm: int) -> list[tuple[str, float, float]]:
    """(function, calls, self ms) per operation, with track_functions = all, largest self time first."""
    scratch.configure(track_functions="all")

    def reset() -> None:
        with scratch.admin() as conn:
            conn.execute("select pg_stat_reset()")

    scratch.session(count, warm, between=reset)
    scratch.configure(track_functions="none")
    with scratch.admin() as conn:
        rows = conn.execute(FUNCTIONS).fetchall()
    return [(name, calls / count, self_ms / count) for name, calls, self_ms, _ in rows]


def executor_runs(scratch: Scratch, count: int, warm: int) -> float:
    """Executor runs per operation, nested ones included, counted from auto_explain's lines in the log."""
    log = scratch.cluster.data_dir.parent / "postgres.log"
    offsets: list[int] = []
    settings = {"session_preload_libraries": "auto_explain", "auto_explain.log_min_duration": "0",
                "auto_explain.log_nested_statements": "on"}  # fmt: skip
    scratch.configure(**settings)
    scratch.session(count, warm, between=lambda: offsets.append(log.stat().st_size))
    scratch.configure(session_preload_libraries="")
    return _plans_logged(log, offsets[0]) / count


def _plans_logged(log: Path, offset: int) -> int:
    with log.open("rb") as lines:
        lines.seek(offset)
        return sum(b"LOG:  duration: " in line and b" plan:" in line for line in lines)


def measure(cluster: Cluster, name: str, args: argparse.Namespace) -> None:
    count, explain = args.count, args.explain
    warm = max(1, count // 10)
    fill = args.fill
    passes = args.rounds + (2 if explain else 1)
    scratch = Scratch(cluster, PATHS[name], total=(count + warm) * passes, fill=fill)
    try:
        cpu, rows = cpu_rounds(scratch, count, warm, args.rounds)
        functions = functions_per_operation(scratch, count, warm)
        runs = executor_runs(scratch, count, warm) if explain else None
    finally:
        scratch.drop()
    load = " ".join(f"{figure:.1f}" for figure in os.getloadavg())
    rounds = ", ".join(f"{1000 * seconds / count:.2f}" for seconds in cpu)
    print(f"\n{name}: {count} serial operations after {fill}, backend CPU per operation {rounds} ms, "
          f"least {1000 * min(cpu) / count:.2f} (load average {load})")  # fmt: skip
    print(f"  rows read per operation: {rows / count:.1f}")
    if runs is not None:
        print(f"  executor runs per operation: {runs:.1f}")
    calls = sum(row[1] for row in functions)
    print(f"  function calls per operation: {calls:.1f}, self time {sum(row[2] for row in functions):.3f} ms")
    for function, per_op, self_ms in functions[:TOP_FUNCTIONS]:
        print(f"  {self_ms:8.3f} ms  {per_op:5.1f} calls  {function}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400, help="operations per pass and path")
    parser.add_argument("--paths", default=",".join(PATHS), help="comma-separated, of " + ", ".join(PATHS))
    parser.add_argument("--explain", action="store_true", help="also count executor runs (auto_explain)")
    parser.add_argument("--fill", type=int, default=2000, help="operations run first, then ANALYZE")
    parser.add_argument("--rounds", type=int, default=3, help="sessions of --count measuring CPU")
    args = parser.parse_args()
    cluster = Cluster(load_state())
    cluster.start()
    for name in args.paths.split(","):
        measure(cluster, name, args)


if __name__ == "__main__":
    main()
