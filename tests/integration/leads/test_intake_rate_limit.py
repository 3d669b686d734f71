"""The lead form's per-address counter: concurrent requests of one address never wait on each other."""

from __future__ import annotations

import psycopg
from psycopg.rows import scalar_row

from automation.scheduler import TICKS
from automation.workflows.intake_counters import sweep_intake_counters

COUNT_HIT = "select private.count_intake_hit('leads:198.51.100.7', 60)"


def _count(conn: psycopg.Connection) -> int:
    return conn.cursor(row_factory=scalar_row).execute(COUNT_HIT).fetchone()


def test_a_running_submission_does_not_hold_up_the_next_from_the_same_address(fresh_db_url):
    with psycopg.connect(fresh_db_url) as first, psycopg.connect(fresh_db_url) as second:
        second.execute("set lock_timeout = '200ms'")  # waiting on the first's row would raise
        assert _count(first) == 1  # its transaction stays open, as a submission's does
        assert _count(second) == 1  # the first's hit is not committed yet
        first.commit()
        second.commit()
        assert _count(second) == 3  # both sessions' committed hits and this one


def test_the_sweep_deletes_counters_of_windows_that_are_over_and_keeps_the_current_ones(pool):
    with pool.connection() as conn:
        conn.execute(
            "insert into private.intake_hits (client_key, backend, window_start, hits) values"
            " ('leads:198.51.100.8', 1, now() - interval '2 hours', 5),"
            " ('leads:198.51.100.8', 2, now() - interval '11 minutes', 3),"
            " ('leads:198.51.100.9', 3, now() - interval '30 seconds', 2)"
        )
    assert sweep_intake_counters(pool) == 2
    assert sweep_intake_counters(pool) == 0
    with pool.connection() as conn:
        left = conn.execute("select client_key, hits from private.intake_hits").fetchall()
    assert left == [{"client_key": "leads:198.51.100.9", "hits": 2}]


def test_the_worker_sweeps_the_counters():
    assert "intake-counter-sweep" in {tick.id for tick in TICKS}
