"""One lead per normalized email and per E.164 phone: insert a new contact or merge into the existing one."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import psycopg
from psycopg.rows import dict_row


@dataclass(frozen=True)
class LeadFields:
    """What a form or an admin knows about a contact; email and phone already normalized."""

    full_name: str
    email: str | None
    phone: str | None
    source: str
    course_id: str | None = None
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None
    utm_term: str | None = None
    utm_content: str | None = None


FIND = """
select id::text from public.leads
 where email = %(email)s or phone = %(phone)s
 order by email = %(email)s desc nulls last
 limit 1
 for update
"""

INSERT = """
insert into public.leads (full_name, email, phone, source, course_id,
                          utm_source, utm_medium, utm_campaign, utm_term, utm_content)
values (%(full_name)s, %(email)s, %(phone)s, %(source)s, %(course_id)s,
        %(utm_source)s, %(utm_medium)s, %(utm_campaign)s, %(utm_term)s, %(utm_content)s)
on conflict do nothing
returning id::text
"""

# Fill what the lead lacks, never overwrite what it has (the first touch keeps its attribution);
# an email or phone that already belongs to another lead stays with that lead.
MERGE = """
update public.leads l set
  full_name = case when l.full_name = '' then %(full_name)s else l.full_name end,
  email = coalesce(l.email, case when not exists
            (select 1 from public.leads o where o.email = %(email)s) then %(email)s end),
  phone = coalesce(l.phone, case when not exists
            (select 1 from public.leads o where o.phone = %(phone)s) then %(phone)s end),
  course_id = coalesce(%(course_id)s, l.course_id),
  utm_source = coalesce(l.utm_source, %(utm_source)s),
  utm_medium = coalesce(l.utm_medium, %(utm_medium)s),
  utm_campaign = coalesce(l.utm_campaign, %(utm_campaign)s),
  utm_term = coalesce(l.utm_term, %(utm_term)s),
  utm_content = coalesce(l.utm_content, %(utm_content)s)
 where l.id = %(id)s
"""


def upsert_lead(conn: psycopg.Connection, fields: LeadFields) -> tuple[str, bool]:
    """The lead's id and whether it was created; an existing lead (same email or phone) absorbs the fields.

    Safe against a concurrent insert of the same contact: the loser of the race merges instead.
    """
    values = asdict(fields)
    for _ in range(2):
        found = conn.cursor(row_factory=dict_row).execute(FIND, values).fetchone()
        if found:
            conn.execute(MERGE, {**values, "id": found["id"]})
            return found["id"], False
        inserted = conn.cursor(row_factory=dict_row).execute(INSERT, values).fetchone()
        if inserted:
            return inserted["id"], True
    raise psycopg.errors.SerializationFailure("a lead with this email or phone changed concurrently; retry")
