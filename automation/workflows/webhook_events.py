"""The raw webhook store: each (provider, event id) kept once, acted on once."""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum

import psycopg
from psycopg.rows import scalar_row
from psycopg.types.json import Jsonb

RECORD = """
with stored as (
  insert into public.webhook_events
         (provider, event_id, event_type, signature_verified, headers, raw_body, payload)
  values (%(provider)s, %(event_id)s, %(event_type)s, %(verified)s, %(headers)s, %(raw_body)s, %(payload)s)
  on conflict (provider, event_id) do nothing
  returning 'new'
)
select coalesce((select * from stored),
                (select case when processed_at is null then 'unprocessed' else 'done' end
                   from public.webhook_events where provider = %(provider)s and event_id = %(event_id)s
                    for update))
"""
FINISH = """
update public.webhook_events set attempts = attempts + 1, error = %(error)s, last_attempt_at = now(),
       processed_at = case when %(error)s::text is null then now() end
 where provider = %(provider)s and event_id = %(event_id)s
"""


class Stored(StrEnum):
    NEW = "new"  # first time seen: act on it
    UNPROCESSED = "unprocessed"  # seen before but not acted on (e.g. its message was not known yet)
    DONE = "done"  # a replay: change nothing


def record_event(
    conn: psycopg.Connection, provider: str, event_id: str, event_type: str | None, *,
    verified: bool, headers: Mapping[str, str], raw_body: str, payload: object = None,
) -> Stored:  # fmt: skip
    """Store the raw event unless it is already stored (then lock it); say whether to act on it."""
    params = {
        "provider": provider, "event_id": event_id, "event_type": event_type, "verified": verified,
        "headers": Jsonb(dict(headers)), "raw_body": raw_body,
        "payload": Jsonb(payload) if payload is not None else _parsed(raw_body),
    }  # fmt: skip
    found = conn.cursor(row_factory=scalar_row).execute(RECORD, params).fetchone()
    # None: a concurrent delivery of the same event inserted it after this statement's snapshot and
    # committed, so that delivery acted on it.
    return Stored(found) if found else Stored.DONE


def finish_event(conn: psycopg.Connection, provider: str, event_id: str, error: str | None = None) -> None:
    """Mark the event acted on, or keep it unprocessed with `error` so that a redelivery tries again."""
    conn.execute(FINISH, {"provider": provider, "event_id": event_id, "error": error})


def _parsed(raw_body: str) -> Jsonb | None:
    try:
        return Jsonb(json.loads(raw_body))
    except json.JSONDecodeError:
        return None
