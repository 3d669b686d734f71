"""Does ANALYZE re-plan a session that made its plans on empty tables? Rows read per form submission.

Usage (from the repository root): .venv/bin/python -m bench.plan_cache [--grow 1500] [--count 100]

A scratch database's tables are analyzed while empty and autovacuum is switched off for them, so that only
this bench's own ANALYZE changes their statistics. One session submits forms (bench.db_paths' `intake`)
while the tables grow by --grow forms, then the rows read and backend CPU per form are measured over
--count forms: in that old session, in a new one, in the old one after a VACUUM ANALYZE from another
session, and in a new one after it (decision 0591). Rows read do not move with the machine's load.
"""

from __future__ import annotations

import argparse
import os

import psycopg
from psycopg import sql

from bench.db_paths import PATHS, Scratch, vacuum_analyze
from bench.process_cpu import cpu_seconds
from devstack.postgres import Cluster
from devstack.state import load_state

TABLES = """
select schemaname, relname from pg_stat_all_tables where schemaname in ('public', 'private', 'auth')
"""


def without_autovacuum(scratch: Scratch) -> None:
    with scratch.admin() as conn:
        for schema, table in conn.execute(TABLES).fetchall():
            statement = sql.SQL("alter table {} set (autovacuum_enabled = false)")
            conn.execute(statement.format(sql.Identifier(schema, table)))


def window(scratch: Scratch, conn: psycopg.Connection, count: int, label: str) -> None:
    """Run `count` forms on `conn`; print the rows read and the backend's CPU per form."""
    flush = "select pg_stat_force_next_flush()"
    conn.execute(flush)
    before, cpu = scratch.rows_read(), cpu_seconds(conn.info.backend_pid)
    scratch.run(conn, count)
    spent = cpu_seconds(conn.info.backend_pid) - cpu
    conn.execute(flush)
    rows = (scratch.rows_read() - before) / count
    print(f"{label:<40} rows read per form {rows:9.1f}   backend CPU {1000 * spent / count:5.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grow", type=int, default=1500, help="forms between planning and measuring")
    parser.add_argument("--count", type=int, default=100, help="forms measured in each window")
    args = parser.parse_args()
    cluster = Cluster(load_state())
    cluster.start()
    scratch = Scratch(cluster, PATHS["intake"], total=args.grow + 5 * args.count, fill=0)
    try:
        without_autovacuum(scratch)
        with scratch.connect() as old:
            scratch.run(old, args.count + args.grow)
            window(scratch, old, args.count, "old session, statistics of empty tables")
            with scratch.connect() as new:
                window(scratch, new, args.count, "new session, the same statistics")
            vacuum_analyze(cluster, scratch.name)
            window(scratch, old, args.count, "old session after VACUUM ANALYZE")
            with scratch.connect() as new:
                window(scratch, new, args.count, "new session after VACUUM ANALYZE")
    finally:
        scratch.drop()
    print("load average " + " ".join(f"{figure:.1f}" for figure in os.getloadavg()))


if __name__ == "__main__":
    main()
