"""Bulk changes to an audience of leads: add a tag, set the status, start a follow-up sequence.

Each is one set-based statement in the caller's transaction; it returns how many leads it changed (or, for
the status, which).
"""

from __future__ import annotations

import psycopg
from psycopg import sql
from psycopg.rows import tuple_row

from automation.workflows.audiences import AUDIENCE, Audience, Purpose, audience_values
from automation.workflows.sequences import sequence_id

ADD_TAG = sql.SQL("""{audience}
update public.leads l set tags = array_append(l.tags, %(new_tag)s::text)
  from audience a
 where l.id = a.id and not (l.tags @> array[%(new_tag)s::text])
""").format(audience=AUDIENCE)
SET_STATUS = sql.SQL("""{audience}
update public.leads l set status = %(new_status)s::text::public.lead_status,
       lost_reason = case when %(new_status)s::text = 'lost' then %(lost_reason)s::text end
  from audience a
 where l.id = a.id and l.status <> %(new_status)s::text::public.lead_status
returning l.id::text
""").format(audience=AUDIENCE)
START_SEQUENCE = sql.SQL("""{audience}
insert into public.sequence_enrollments (sequence_id, lead_id, next_position, next_due_at)
select %(sequence_id)s::uuid, a.id, f.position, now() + f.delay
  from audience a
  cross join (select st.position, st.delay from public.sequence_steps st
               where st.sequence_id = %(sequence_id)s::uuid order by st.position limit 1) f
 where a.excluded_reason is null
on conflict (sequence_id, lead_id, profile_id, payment_id) where status = 'active' do nothing
""").format(audience=AUDIENCE)


def add_tag(conn: psycopg.Connection, audience: Audience, tag: str) -> int:
    """Tag every lead of the audience with `tag`; leads that have it already are left as they are."""
    return conn.execute(ADD_TAG, {**audience_values(audience, Purpose()), "new_tag": tag}).rowcount


def set_status(
    conn: psycopg.Connection, audience: Audience, status: str, lost_reason: str | None
) -> list[str]:
    """Move every lead of the audience to `status` (a lost lead keeps `lost_reason`); the ids of the leads
    that moved (those already at `status` are left as they are)."""
    values = {**audience_values(audience, Purpose()), "new_status": status, "lost_reason": lost_reason}
    return [moved for (moved,) in conn.cursor(row_factory=tuple_row).execute(SET_STATUS, values)]


def start_sequence(conn: psycopg.Connection, audience: Audience, key: str) -> int:
    """Start the active sequence `key` for every lead of the audience not already in it.

    Raises sequences.UnknownSequence when no active sequence has that key.
    """
    found = sequence_id(conn, key)
    values = audience_values(audience, Purpose(sequence_id=found))
    return conn.execute(START_SEQUENCE, values).rowcount
