"""The lead form's per-address counter: concurrent requests of one address never wait on each other."""

from __future__ import annotations

import psycopg
from psycopg.rows import scalar_row

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
