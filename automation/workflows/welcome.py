"""The welcome sequence of a lead and a course: syllabus email, course details on WhatsApp, an AI call."""

from __future__ import annotations

import psycopg
from psycopg.rows import dict_row

from automation.messages import catalog
from automation.messages.catalog import Channel, Contact
from automation.outbox.enqueue import Cause, Recipient, enqueue_outgoing
from automation.workflows.offers import load_offer

LEAD = "select id::text, full_name, email::text, phone::text from public.leads where id = %s"


def lead_contact(conn: psycopg.Connection, lead_id: str) -> tuple[Contact, Recipient]:
    """The lead as a message contact (first name, addresses) and as an outbox recipient."""
    row = conn.cursor(row_factory=dict_row).execute(LEAD, (lead_id,)).fetchone()
    if row is None:
        raise LookupError(f"lead {lead_id} does not exist")
    return contact_from_row(row)


def contact_from_row(row: dict) -> tuple[Contact, Recipient]:
    """A lead row (id, full_name, email, phone as text) as a message contact and an outbox recipient."""
    first_name = (row["full_name"].split() or ["there"])[0]
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
    """Enqueue the welcome on `channels` (the ones the lead consented to) in the caller's transaction.

    Idempotent per lead and course (the catalog's dedupe keys). Returns how many messages are newly queued;
    0 when the course has no upcoming batch to announce yet.
    """
    offer = load_offer(conn, course_id, files_url)
    if offer is None:
        return 0
    contact, recipient = lead_contact(conn, lead_id)
    cause = Cause("cta_submissions", cause_id)
    messages = catalog.welcome(contact, offer.course, offer.center, channels)
    return sum(enqueue_outgoing(conn, message, recipient, cause=cause).created for message in messages)
