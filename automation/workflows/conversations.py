"""The CRM thread of a contact: found or started for a lead and/or a student profile."""

from __future__ import annotations

import psycopg
from psycopg.rows import scalar_row

FIND = """
select id from public.conversations
 where lead_id = %(lead)s or profile_id = %(profile)s
 order by (profile_id = %(profile)s) desc nulls last
 limit 1
"""


def conversation_for(conn: psycopg.Connection, lead_id: str | None, profile_id: str | None) -> str:
    """The id of the contact's conversation, started if it has none; the student's own one wins.

    Raises ValueError when neither a lead nor a profile is given.
    """
    if lead_id is None and profile_id is None:
        raise ValueError("a conversation needs a lead_id or a profile_id")
    params = {"lead": lead_id, "profile": profile_id}
    cursor = conn.cursor(row_factory=scalar_row)
    found = cursor.execute(FIND, params).fetchone()
    if found is None:
        cursor.execute(
            "insert into public.conversations (lead_id, profile_id) values (%(lead)s, %(profile)s)"
            " on conflict do nothing",
            params,
        )
        found = cursor.execute(FIND, params).fetchone()
    return str(found)
