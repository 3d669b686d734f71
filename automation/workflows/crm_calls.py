"""An AI call to a lead started by a person from the CRM, briefed with the lead's course."""

from __future__ import annotations

import psycopg
from psycopg.rows import scalar_row

from automation.messages.catalog import Channel, course_context
from automation.outbox.enqueue import Cause, Enqueued, enqueue_message
from automation.workflows.offers import load_offer
from automation.workflows.welcome import lead_contact

COURSE = "select course_id::text from public.leads where id = %s"
REFUSED_CALLS = "select private.opted_out(%s, null, 'self', 'call')"  # the lead's or its student's


class CallRefused(ValueError):
    """The call cannot be started; the message says why."""


def start_call(
    conn: psycopg.Connection, lead_id: str, request_id: str, admin_id: str, files_url: str
) -> Enqueued:
    """Queue a call (the welcome brief of the lead's course) in the caller's transaction, once per request id.

    Raises LookupError for an unknown lead, CallRefused when the lead has no phone, opted out of calls, or
    has no course with an upcoming batch to talk about.
    """
    contact, recipient = lead_contact(conn, lead_id)
    cursor = conn.cursor(row_factory=scalar_row)
    if not contact.phone:
        raise CallRefused("the lead has no phone number; add one first")
    if cursor.execute(REFUSED_CALLS, (lead_id,)).fetchone():
        raise CallRefused("the lead opted out of calls; message them instead")
    course_id = cursor.execute(COURSE, (lead_id,)).fetchone()
    offer = load_offer(conn, course_id, files_url) if course_id else None
    if offer is None:
        raise CallRefused("the lead has no course with an upcoming batch for the call to talk about; set one")
    return enqueue_message(
        conn, channel=Channel.CALL, template="welcome", recipient=recipient,
        context=course_context(contact, offer.course, offer.center),
        dedupe_key=f"call:{request_id}:{lead_id}", cause=Cause("leads", lead_id), created_by=admin_id,
    )  # fmt: skip
