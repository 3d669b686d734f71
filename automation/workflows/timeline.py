"""Internal notes on a contact's timeline (what the system did, for the people following the contact)."""

from __future__ import annotations

import psycopg

from automation.workflows.conversations import conversation_for

INSERT_NOTE = """
insert into public.crm_messages (conversation_id, channel, direction, body, status)
values (%s, 'note', 'outbound', %s, 'sent')
"""


def note(conn: psycopg.Connection, lead_id: str | None, profile_id: str | None, body: str) -> None:
    """Add `body` as a system note to the contact's conversation (started if it has none)."""
    conn.execute(INSERT_NOTE, (conversation_for(conn, lead_id, profile_id), body))
