"""The welcome sequence of a lead and a course: syllabus email, course details on WhatsApp, an AI call."""

from __future__ import annotations

import psycopg
from psycopg.rows import dict_row, scalar_row

from automation.messages.catalog import Channel, Contact, first_name_of
from automation.outbox.enqueue import Recipient

LEAD = "select id::text, full_name, email::text, phone::text from public.leads where id = %s"
# The form's own enqueue (0543): the welcome's facts under "render", so the worker renders it when it goes,
# with the offer as it is then (0693, 0699). No batch to announce yet: 0 queued.
WELCOME = """
select case when o.offer is null then 0
            else private.enqueue_form_welcome(l, o.offer, %(channels)s::text[], %(cause)s::uuid,
                                              %(files_url)s) end
  from public.leads l cross join lateral (select private.course_offer(%(course)s::uuid) as offer) o
 where l.id = %(lead)s::uuid
"""


def lead_contact(conn: psycopg.Connection, lead_id: str) -> tuple[Contact, Recipient]:
    """The lead as a message contact (first name, addresses) and as an outbox recipient."""
    row = conn.cursor(row_factory=dict_row).execute(LEAD, (lead_id,)).fetchone()
    if row is None:
        raise LookupError(f"lead {lead_id} does not exist")
    return contact_from_row(row)


def contact_from_row(row: dict) -> tuple[Contact, Recipient]:
    """A lead row (id, full_name, email, phone as text) as a message contact and an outbox recipient."""
    first_name = first_name_of(row["full_name"])
    contact = Contact(row["id"], first_name, row["email"], row["phone"])
    return contact, Recipient(row["full_name"], lead_id=row["id"], email=row["email"], phone=row["phone"])


def enqueue_welcome(
    conn: psycopg.Connection,
    lead_id: str,
    course_id: str,
    *,
    channels: set[Channel],
    cause_id: str,
    files_url: str,
) -> int:
    """Enqueue the welcome on `channels` (the ones the lead consented to) in the caller's transaction, as
    the form does: rendered when it goes, quoting the course's offer as it is then.

    Idempotent per lead and course (the catalog's dedupe keys). Returns how many messages are newly queued;
    0 when the course has no upcoming batch to announce yet. Raises LookupError for an unknown lead.
    """
    values = {"channels": sorted(str(c) for c in channels), "cause": cause_id, "files_url": files_url,
              "course": course_id, "lead": lead_id}  # fmt: skip
    found = conn.cursor(row_factory=scalar_row).execute(WELCOME, values).fetchone()
    if found is None:
        raise LookupError(f"lead {lead_id} does not exist")
    return found
