"""An admin's request id names one request (decisions 0696, 0698): what it asked is kept with it on first use.

A retry that asks the same passes (the caller then answers with what the first request did); the same id
asking for anything else is refused with RequestIdReused, which says what the id was first used for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
from psycopg.rows import scalar_row
from psycopg.types.json import Jsonb

# What the request id asked the first time: this request's content when it is the first. `do update` (not
# `do nothing`) so the stored row comes back even when another transaction wrote it meanwhile.
CLAIM = """
insert into private.message_requests as r (scope, request_id, content) values (%s, %s, %s)
on conflict (scope, request_id) do update set content = r.content
returning content
"""


class RequestIdReused(ValueError):
    """The request id was already used for a different request; nothing was done for this one."""


def claim(
    conn: psycopg.Connection, scope: str, request_id: str, asked: dict[str, Any],
    described: Callable[[dict[str, Any]], str], *, noun: str = "message",
) -> None:  # fmt: skip
    """Record what `request_id` asks within `scope`, in the caller's transaction; a retry must ask the same.

    `asked` must be plain JSON (it is compared with what jsonb gives back). Raises RequestIdReused, naming
    the first request in `described(first)`'s words, when the id already asked for something else.
    """
    first = conn.cursor(row_factory=scalar_row).execute(CLAIM, (scope, request_id, Jsonb(asked))).fetchone()
    if first != asked:
        raise RequestIdReused(
            f"request_id {request_id!r} was already used for a different {noun} ({described(first)}); "
            f"nothing was queued for this one. Send it again with a new request_id"
        )
