"""The webhook sweep: stored provider events that nothing acted on (the process died between storing and
acting, or the event raced the worker's commit) are acted on again, a bounded number of times.

Safe on many instances at once: each pass takes its events FOR UPDATE SKIP LOCKED, and acting is
idempotent (statuses only move forward, an event is finished once).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import psycopg
from psycopg.rows import tuple_row
from psycopg_pool import ConnectionPool

from automation.workflows.provider_webhooks import NOT_YET, SWEPT_PROVIDERS, act_for
from automation.workflows.webhook_events import finish_event

log = logging.getLogger(__name__)
BATCH = 100
# Payment events are not swept: the payment reconciliation tick confirms those payments with the provider.
LEFT_ALONE = """
select provider, event_id, raw_body, attempts from public.webhook_events
 where processed_at is null and provider = any (%(providers)s)
   and coalesce(last_attempt_at, received_at) < now() - make_interval(secs => %(age)s)
   and attempts < %(max_attempts)s
 order by received_at
 limit %(batch)s
   for update skip locked
"""


@dataclass(frozen=True)
class SweepResult:
    events_processed: int
    events_failed: int


def sweep_webhook_events(
    pool: ConnectionPool, age_seconds: float, max_attempts: int, batch: int = BATCH
) -> SweepResult:
    """One pass: act on events left unprocessed `age_seconds` since they arrived or were last tried, with
    fewer than `max_attempts` attempts so far.

    Each event is acted on in a savepoint: one that fails (or still has no message of ours) keeps its
    error and counts the attempt; the last allowed attempt says it was the last.
    """
    params = {"providers": list(SWEPT_PROVIDERS), "age": age_seconds, "max_attempts": max_attempts,
              "batch": batch}  # fmt: skip
    done = failed = 0
    with pool.connection() as conn, conn.transaction():
        events = conn.cursor(row_factory=tuple_row).execute(LEFT_ALONE, params).fetchall()
        for provider, event_id, raw, attempts in events:
            error = _act(conn, provider, raw)
            if error and attempts + 1 >= max_attempts:
                error = f"gave up after {max_attempts} attempts: {error}"
            finish_event(conn, provider, event_id, error)
            done, failed = done + (error is None), failed + (error is not None)
    return SweepResult(done, failed)


def _act(conn: psycopg.Connection, provider: str, raw: str) -> str | None:
    """Act on one stored event; the error to record, or None when it was acted on."""
    try:
        with conn.transaction():
            return None if act_for(provider, raw)(conn) else NOT_YET
    except Exception as error:  # recorded on the event and retried by the next pass, never lost
        log.warning("webhook event of %s not processed by the sweep: %s", provider, error)
        return f"{type(error).__name__}: {error}"[:1000]
