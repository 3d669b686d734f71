"""A send the provider accepted with an answer we could not read (a 2xx without the message's id): kept in
doubt, then recorded as sent without an id, never sent again (decision 0695)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from automation.outbox.in_doubt import AcceptedEarlier
from automation.outbox.registry import Sent
from automation.providers.errors import ProviderAcceptedUnreadable

UNREAD = "unread"  # the key of outbox.answer that marks such an answer (0672's answers hold "result")
# Back to pending at once and in doubt: the gate looks for the provider's events naming the message (email,
# calls) and holds it meanwhile, or records it from the kept answer (gate.Unread); the attempt stays counted.
IN_DOUBT = """
update public.outbox set status = 'pending', locked_by = null, locked_at = null, provider = %(provider)s,
       answer = %(answer)s, last_error = %(error)s, last_error_at = now(), next_attempt_at = now(),
       in_doubt_since = now()
 where id = %(id)s and locked_by = %(worker)s and status = 'processing'
"""


def is_unread(answer: Mapping[str, Any] | None) -> bool:
    """Whether outbox.answer is an accepted answer without the message's id (not a 0672 answer)."""
    return answer is not None and UNREAD in answer


def is_replayable(answer: Mapping[str, Any] | None) -> bool:
    """Whether outbox.answer is a 0672 answer, whose record is applied from it without asking the provider."""
    return answer is not None and not is_unread(answer)


def mark_in_doubt(
    conn: psycopg.Connection, row: Mapping[str, Any], worker: str, error: ProviderAcceptedUnreadable,
    *, evidenced: bool,
) -> None:  # fmt: skip
    """Keep the provider's answer on the row and put it in doubt; only the lock's holder changes it.
    `evidenced`: the provider's events name our message, so they are awaited for its id."""
    answer = {"provider": error.provider, UNREAD: error.answer}
    then = (
        "its events are awaited for its id, then it is recorded as sent"
        if evidenced
        else f"it is recorded as sent without {error.provider}'s id"
    )
    why = f"{error}. It was most likely sent, so it is not sent again: {then}."
    params = {"id": row["id"], "worker": worker, "provider": error.provider, "answer": Jsonb(answer),
              "error": why}  # fmt: skip
    conn.execute(IN_DOUBT, params)


@dataclass(frozen=True)
class AcceptedUnread(AcceptedEarlier):
    """AcceptedEarlier for a row kept in doubt (outbox.answer with `unread`): every send answers "accepted"
    with no id, as the provider did; build it as AcceptedUnread(None, links, answer)."""

    answer: Mapping[str, Any] = field(default_factory=dict)

    def noted(self, sent: Sent) -> Sent:
        """`sent` with its outbox result saying what the provider answered and that nothing went again."""
        said = self.answer[UNREAD]
        note = (
            f"{self.answer['provider']} accepted it (HTTP {said['status']}) without {said['missing']}:"
            f" recorded as sent without its id, not sent again; it answered: {said['body'] or 'no body'}"
        )
        return replace(sent, result={**sent.result, UNREAD: note})
