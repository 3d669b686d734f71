"""Follow-up sequences: who starts one, and the tick that enqueues every due step."""

from __future__ import annotations

import psycopg
from psycopg.rows import tuple_row

ACTIVE_SEQUENCE = "select id::text from public.sequences where key = %s and active"
ENROLL_IMPORTED = """
insert into public.sequence_enrollments (sequence_id, lead_id, next_position, next_due_at)
select s.id, r.lead_id, f.position, now() + f.delay
  from public.sequences s
  join lateral (select st.position, st.delay from public.sequence_steps st
                 where st.sequence_id = s.id order by st.position limit 1) f on true
 cross join (select distinct lead_id from private.lead_import_rows
              where import_id = %(import_id)s and lead_id is not null) r
 where s.id = %(sequence_id)s
   and not private.in_sequence(s.id, r.lead_id, null, null)  -- a merged lead may be in it as a student
on conflict (sequence_id, lead_id, profile_id, payment_id) where status = 'active' do nothing
"""


class UnknownSequence(LookupError):
    """No active sequence has this key; the message lists how to find one."""


def sequence_id(conn: psycopg.Connection, key: str) -> str:
    """The id of the active sequence `key`; raises UnknownSequence."""
    found = conn.cursor(row_factory=tuple_row).execute(ACTIVE_SEQUENCE, (key,)).fetchone()
    if found is None:
        raise UnknownSequence(f"no active sequence with key {key!r}; see the sequences table for the keys")
    return found[0]


def enroll_import(conn: psycopg.Connection, import_id: str, key: str) -> int:
    """Start sequence `key` for every lead an import inserted or merged (not twice for one already in it)."""
    values = {"import_id": import_id, "sequence_id": sequence_id(conn, key)}
    return conn.execute(ENROLL_IMPORTED, values).rowcount
