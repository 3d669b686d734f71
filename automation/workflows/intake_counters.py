"""The lead form's per-address counters: rows of windows that are over are swept by a tick."""

from __future__ import annotations

from psycopg.rows import scalar_row
from psycopg_pool import ConnectionPool

# Windows are a minute long (private.submit_form_lead); ten minutes leaves any window in use alone.
KEPT_SECONDS = 600
SWEEP = "select private.sweep_intake_hits(%s)"


def sweep_intake_counters(pool: ConnectionPool, kept_seconds: int = KEPT_SECONDS) -> int:
    """Deletes counters of windows that began over `kept_seconds` ago; returns how many. Safe to run twice."""
    with pool.connection() as conn:
        return conn.cursor(row_factory=scalar_row).execute(SWEEP, (kept_seconds,)).fetchone()
