"""Admin operations on outbox rows: pause, resume, retry (now, or a dead letter from scratch), cancel.

The only way an admin changes the outbox: the API roles may read it but not write it (RLS, and
migration 20261122017410 took their write privileges), so a row's timeline and status rules hold."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row, scalar_row

# action → (statuses it applies to, status it sets, timeline change as (status, error) or None). Retrying
# a pending row sends it now with the attempts it has; a dead one starts over (the table caps attempts).
ACTIONS = {
    "pause": (("pending",), "paused", None),
    "resume": (("paused",), "pending", None),
    "retry": (("pending", "dead"), "pending", ("queued", None)),
    "cancel": (("pending", "paused", "dead"), "cancelled", ("failed", "Not sent: cancelled by an admin")),
}
CHANGE = """
update public.outbox
   set status = %(to)s::public.outbox_status,
       attempts = case when %(action)s::text = 'retry' and status = 'dead' then 0 else attempts end,
       next_attempt_at = case when %(to)s::text = 'pending' then now() else next_attempt_at end
 where id = %(id)s and status::text = any(%(allowed)s::text[])
returning id, crm_message_id, status::text
"""


class OutboxActionRefused(ValueError):
    """The row is not in a state the action applies to; the message says which states are."""


@dataclass(frozen=True)
class OutboxItem:
    id: str
    status: str


def change_outbox_item(conn: psycopg.Connection, outbox_id: str, action: str) -> OutboxItem:
    """Apply `action` (pause, resume, retry, cancel) to the row in the caller's transaction.

    Raises OutboxActionRefused for an unknown action, an unknown row or a row in another state.
    """
    if action not in ACTIONS:
        raise OutboxActionRefused(f"action must be one of {', '.join(ACTIONS)}; got {action!r}")
    allowed, to, timeline = ACTIONS[action]
    params = {"id": outbox_id, "to": to, "action": action, "allowed": list(allowed)}
    changed = conn.cursor(row_factory=dict_row).execute(CHANGE, params).fetchone()
    if changed is None:
        raise OutboxActionRefused(_why_not(conn, outbox_id, action, allowed))
    if timeline and changed["crm_message_id"]:
        conn.execute(
            "update public.crm_messages set status = %s, error = %s where id = %s",
            (*timeline, changed["crm_message_id"]),
        )
    return OutboxItem(str(changed["id"]), changed["status"])


def _why_not(conn: psycopg.Connection, outbox_id: str, action: str, allowed: tuple[str, ...]) -> str:
    status = (
        conn.cursor(row_factory=scalar_row)
        .execute("select status::text from public.outbox where id = %s", (outbox_id,))
        .fetchone()
    )
    if status is None:
        return f"outbox item {outbox_id} does not exist"
    return f"cannot {action} an item that is {status}; only {' or '.join(allowed)} items"
