"""How far the outbox got, read from its rows on one connection."""

from __future__ import annotations

import time

import psycopg

# Each test stops at the first entry of a partial index: polling costs the database next to nothing.
UNFINISHED = """
select exists (select 1 from public.outbox where status = 'pending')
    or exists (select 1 from public.outbox where status = 'processing')
"""
SENT = "select count(*) from public.outbox where status = 'sent'"


def wait_sent(conn: psycopg.Connection, count: int, limit: float = 600) -> None:
    """Until no row is pending or in flight, polling on one connection; raises unless `count` were sent."""
    deadline = time.monotonic() + limit
    while conn.execute(UNFINISHED).fetchone()[0]:
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    done = conn.execute(SENT).fetchone()[0]
    if done != count:
        raise RuntimeError(f"only {done} of {count} sent")
