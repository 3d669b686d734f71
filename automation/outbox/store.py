"""The outbox row's life in SQL: claimed, released, sent, retried, dead-lettered or skipped.

Every change after the claim is guarded by `locked_by`, so a worker whose lock went stale (and was
reclaimed by another) changes nothing.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row, scalar_row
from psycopg.types.json import Jsonb

# Stale rows first (an index range on outbox_processing_idx, empty unless a worker died), then due rows in
# order along outbox_due_idx, which stops after `batch` rows. One OR'ed predicate instead made Postgres
# read and sort every pending row on each claim.
CLAIM = """
with stale as (
  select id from public.outbox
   where status = 'processing' and locked_at < now() - make_interval(secs => %(stale)s)
   order by locked_at
   limit %(batch)s
   for update skip locked
), due as (
  select id from public.outbox
   where status = 'pending' and next_attempt_at <= now()
   order by next_attempt_at
   limit %(batch)s - (select count(*) from stale)
   for update skip locked
)
update public.outbox o
   set status = 'processing', locked_by = %(worker)s, locked_at = now(),
       attempts = least(o.attempts + 1, o.max_attempts),
       in_doubt_since = case when o.status = 'processing' then now() else o.in_doubt_since end
  from (select id from stale union all select id from due) claimed
 where o.id = claimed.id
returning o.*
"""
# A stale row's worker died holding it, maybe after the provider accepted it: the claim stamps it in doubt
# (in SET, o.status is the row's status before the update), and the gate looks for evidence (gate.decide).
# Every statement after the claim ends with the same guard: only the holder of the lock changes the row.
RELEASE = """
update public.outbox set status = 'pending', locked_by = null, locked_at = null,
       next_attempt_at = %(until)s, attempts = attempts - 1, result = %(why)s
 where id = %(id)s and locked_by = %(worker)s and status = 'processing' returning crm_message_id
"""
SENT = """
update public.outbox o set status = 'sent', locked_by = null, locked_at = null,
       provider = s.provider, result = s.result, sent_at = now(), last_error = null, answer = null
  from jsonb_to_recordset(%(sent)s) as s(id uuid, provider text, result jsonb)
 where o.id = s.id and o.locked_by = %(worker)s and o.status = 'processing'
returning o.id::text
"""
RETRY = """
update public.outbox set status = 'pending', locked_by = null, locked_at = null,
       attempts = attempts - case when %(throttled)s then 1 else 0 end,
       last_error = %(error)s, last_error_at = now(),
       next_attempt_at = now() + make_interval(secs => %(delay)s),
       in_doubt_since = case when %(in_doubt)s then now() else in_doubt_since end
 where id = %(id)s and locked_by = %(worker)s and status = 'processing' returning crm_message_id
"""
DEAD = """
update public.outbox set status = 'dead', locked_by = null, locked_at = null,
       last_error = %(error)s, last_error_at = now()
 where id = %(id)s and locked_by = %(worker)s and status = 'processing' returning crm_message_id
"""
# The provider answered but the record failed: back to pending (or dead) with the answer, so that the next
# claim records it from the answer and asks the provider nothing (decision 0672). The attempt stays counted.
UNRECORDED = """
update public.outbox set status = %(status)s::public.outbox_status, locked_by = null, locked_at = null,
       provider = %(provider)s, answer = %(answer)s, last_error = %(error)s, last_error_at = now(),
       next_attempt_at = now() + make_interval(secs => %(delay)s)
 where id = %(id)s and locked_by = %(worker)s and status = 'processing'
"""
SKIPPED = """
update public.outbox set status = 'skipped', locked_by = null, locked_at = null, skip_reason = %(reason)s
 where id = %(id)s and locked_by = %(worker)s and status = 'processing' returning crm_message_id
"""


def claim(conn: psycopg.Connection, worker: str, batch: int, stale_seconds: float) -> list[dict[str, Any]]:
    """Lock up to `batch` due rows (and rows whose holder went silent) for `worker`; one attempt each."""
    params = {"worker": worker, "batch": batch, "stale": stale_seconds}
    return conn.cursor(row_factory=dict_row).execute(CLAIM, params).fetchall()


def release(conn: psycopg.Connection, row: Mapping[str, Any], worker: str, until: datetime, why: str) -> None:
    """Put a held row back, due at `until`; the hold does not count as an attempt."""
    conn.execute(RELEASE, {"id": row["id"], "worker": worker, "until": until, "why": Jsonb({"held": why})})


def mark_sent(
    conn: psycopg.Connection, worker: str, sends: Sequence[tuple[Mapping[str, Any], str | None, Mapping]]
) -> set[str]:
    """Record sends (row, provider, result) in one statement; the ids of the rows this worker still held
    (the others changed nothing)."""
    if not sends:
        return set()
    sent = [
        {"id": str(row["id"]), "provider": provider, "result": dict(result)}
        for row, provider, result in sends
    ]
    found = conn.cursor(row_factory=scalar_row).execute(SENT, {"sent": Jsonb(sent), "worker": worker})
    return set(found.fetchall())


def mark_retry(
    conn: psycopg.Connection, row: Mapping[str, Any], worker: str, error: str, delay_seconds: float,
    *, in_doubt: bool = False, throttled: bool = False,
) -> None:  # fmt: skip
    """Due again after `delay_seconds`; `in_doubt` when the request may have reached the provider (a timeout
    or a lost connection), so that the next attempt looks for evidence first; `throttled` when the provider
    only asked us to slow down (429): the attempt is given back, so rate limits never dead-letter a row."""
    params = {"id": row["id"], "worker": worker, "error": error, "delay": delay_seconds, "in_doubt": in_doubt,
              "throttled": throttled}  # fmt: skip
    conn.execute(RETRY, params)


def mark_dead(conn: psycopg.Connection, row: Mapping[str, Any], worker: str, error: str) -> None:
    """Dead-letter the row and mark its timeline message failed."""
    if conn.execute(DEAD, {"id": row["id"], "worker": worker, "error": error}).fetchone() is not None:
        _fail_message(conn, row, f"Not sent: {error}")


def mark_unrecorded(
    conn: psycopg.Connection, row: Mapping[str, Any], worker: str, answer: Mapping[str, Any], error: str,
    *, delay_seconds: float, dead: bool,
) -> None:  # fmt: skip
    """Keep the provider's `answer` (`{"provider", "result"}`) on a row whose record failed: due again after
    `delay_seconds` to record it from the answer, or dead-lettered (`dead`) for an admin to retry."""
    params = {"id": row["id"], "worker": worker, "status": "dead" if dead else "pending", "error": error,
              "provider": answer["provider"], "answer": Jsonb(answer), "delay": delay_seconds}  # fmt: skip
    conn.execute(UNRECORDED, params)


def mark_skipped(conn: psycopg.Connection, row: Mapping[str, Any], worker: str, reason: str) -> None:
    """Skip the row for good (e.g. opted out) and say why on the timeline."""
    if conn.execute(SKIPPED, {"id": row["id"], "worker": worker, "reason": reason}).fetchone() is not None:
        _fail_message(conn, row, f"Not sent: {reason}")


def _fail_message(conn: psycopg.Connection, row: Mapping[str, Any], error: str) -> None:
    if row["crm_message_id"] is not None:
        conn.execute(
            "update public.crm_messages set status = 'failed', error = %s where id = %s",
            (error, row["crm_message_id"]),
        )


def backoff_seconds(attempts: int, base: float, cap: float, retry_after: float | None = None) -> float:
    """Exponential backoff with jitter (half fixed, half random), never sooner than `retry_after`."""
    ceiling = min(cap, base * 2 ** max(attempts - 1, 0))
    delay = ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 - jitter, not a secret
    return max(delay, retry_after or 0.0)
