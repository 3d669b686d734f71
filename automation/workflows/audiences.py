"""Which leads an admin picked (ids, or the Leads list's filter) and which of them an action would reach.

One SQL statement names, for every lead of the audience, why it would be left out (no address on the
channel, opted out of it, no course with an upcoming batch to talk about, already in the sequence), or
nothing when it would be reached; previews and sends read the same statement, so they never disagree.
An opt-out is the person's: the lead's own, or the student profile's it converted into (decision 0664).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

SAMPLE_SIZE = 10
CHANNEL_LABELS = {"email": "email", "whatsapp": "WhatsApp", "call": "calls"}

AUDIENCE = sql.SQL("""
with audience as (
  select l.id, l.full_name, l.email::text as email, l.phone::text as phone, l.course_id, l.created_at,
         case
           when %(channel)s::text = 'email' and l.email is null then 'no email address'
           when %(channel)s::text in ('whatsapp', 'call') and l.phone is null then 'no phone number'
           when %(channel)s::text is not null and exists (
                  select 1 from public.consents c
                   where (c.lead_id = l.id or c.profile_id = l.converted_profile_id)
                     and c.party = 'self' and c.state = 'opted_out'
                     and c.channel = %(channel)s::text::public.contact_channel)
             then 'opted out of ' || %(channel_label)s::text
           when %(channel)s::text is not null and not exists (
                  select 1 from public.batches b
                   where b.course_id = l.course_id and b.status in ('planned', 'open')
                     and b.starts_on >= (select private.center_today()))
             then 'no course with an upcoming batch'
           when %(sequence_id)s::uuid is not null
                and private.in_sequence(%(sequence_id)s::uuid, l.id, l.converted_profile_id, null)
             then 'already in this sequence'
         end as excluded_reason
    from public.leads l
   where (%(ids)s::uuid[] is null or l.id = any(%(ids)s::uuid[]))
     and (%(search)s::text is null or l.full_name ilike %(search)s::text
          or l.email::text ilike %(search)s::text or l.phone::text ilike %(phone_search)s::text)
     and (%(status)s::text is null or l.status = %(status)s::text::public.lead_status)
     and (%(source)s::text is null or l.source = %(source)s::text::public.lead_source)
     and (%(tag)s::text is null or l.tags @> array[%(tag)s::text])
     and (%(course_id)s::uuid is null or l.course_id = %(course_id)s::uuid)
     and (%(created_from)s::timestamptz is null or l.created_at >= %(created_from)s::timestamptz)
     and (%(created_to)s::timestamptz is null or l.created_at < %(created_to)s::timestamptz)
)
""")
ALL_ROWS = sql.SQL("""{audience}
select id::text, full_name, email, phone, course_id::text, excluded_reason
  from audience order by created_at, id
""").format(audience=AUDIENCE)
# Every reason's count, and up to SAMPLE_SIZE rows per reason (newest first), in one round trip.
PREVIEW = sql.SQL("""{audience}
select id::text, full_name, email, phone, excluded_reason, reason_count
  from (select a.*, count(*) over (partition by excluded_reason) as reason_count,
               row_number() over (partition by excluded_reason order by created_at desc, id) as position
          from audience a) ranked
 where position <= %(sample)s
 order by excluded_reason nulls first, position
""").format(audience=AUDIENCE)


@dataclass(frozen=True)
class Audience:
    """Either explicit lead ids, or the filter of the Leads list (every field optional, all must hold)."""

    lead_ids: tuple[str, ...] | None = None
    search: str | None = None
    status: str | None = None
    source: str | None = None
    tag: str | None = None
    course_id: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None  # exclusive


@dataclass(frozen=True)
class Purpose:
    """What the audience is for: a message or call on `channel`, a sequence to start, or neither."""

    channel: str | None = None  # email, whatsapp or call
    sequence_id: str | None = None


@dataclass(frozen=True)
class Preview:
    matched: int
    reachable: int
    excluded: dict[str, int]
    sample: list[dict[str, Any]] = field(default_factory=list)  # first rows that would be reached
    excluded_sample: list[dict[str, Any]] = field(default_factory=list)  # first rows left out, with reason


def audience_rows(conn: psycopg.Connection, audience: Audience, purpose: Purpose) -> list[dict[str, Any]]:
    """Every lead of the audience (id, full_name, email, phone, course_id, excluded_reason), oldest first."""
    return conn.cursor(row_factory=dict_row).execute(ALL_ROWS, audience_values(audience, purpose)).fetchall()


def preview_audience(conn: psycopg.Connection, audience: Audience, purpose: Purpose) -> Preview:
    """How many leads match, how many the action reaches, the count per reason for the rest, first rows."""
    values = {**audience_values(audience, purpose), "sample": SAMPLE_SIZE}
    rows = conn.cursor(row_factory=dict_row).execute(PREVIEW, values).fetchall()
    counts = {row["excluded_reason"]: row.pop("reason_count") for row in rows}
    reachable = counts.pop(None, 0)
    return Preview(
        matched=reachable + sum(counts.values()), reachable=reachable, excluded=counts,
        sample=[row for row in rows if row["excluded_reason"] is None],
        excluded_sample=[row for row in rows if row["excluded_reason"] is not None][:SAMPLE_SIZE],
    )  # fmt: skip


def count_reasons(rows: list[dict[str, Any]]) -> dict[str, int]:
    """The number of rows left out for each reason."""
    counts: dict[str, int] = {}
    for row in rows:
        if row["excluded_reason"] is not None:
            counts[row["excluded_reason"]] = counts.get(row["excluded_reason"], 0) + 1
    return counts


def audience_values(audience: Audience, purpose: Purpose) -> dict[str, Any]:
    pattern = _like(audience.search) if audience.search else None
    return {
        "ids": list(audience.lead_ids) if audience.lead_ids is not None else None,
        "search": pattern, "phone_search": pattern and pattern.replace(" ", ""),
        "status": audience.status, "source": audience.source, "tag": audience.tag,
        "course_id": audience.course_id, "created_from": audience.created_from,
        "created_to": audience.created_to, "channel": purpose.channel,
        "channel_label": CHANNEL_LABELS.get(purpose.channel or ""), "sequence_id": purpose.sequence_id,
    }  # fmt: skip


def _like(term: str) -> str:
    """A case-insensitive substring pattern matching `term` literally (LIKE's wildcards escaped)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
