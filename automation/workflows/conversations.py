"""The CRM thread of a contact: found or started for a lead and/or a student profile."""

from __future__ import annotations

import psycopg
from psycopg.rows import scalar_row

OF = "select private.conversation_of(%s, %s)"


def conversation_for(conn: psycopg.Connection, lead_id: str | None, profile_id: str | None) -> str:
    """The id of the contact's conversation, started if it has none; the student's own one wins.

    Raises ValueError when neither a lead nor a profile is given.
    """
    if lead_id is None and profile_id is None:
        raise ValueError("a conversation needs a lead_id or a profile_id")
    return str(conn.cursor(row_factory=scalar_row).execute(OF, (lead_id, profile_id)).fetchone())
