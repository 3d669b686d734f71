"""An AI call to a lead started by a person from the CRM, briefed with the lead's course as it is when the
call starts: quiet hours may hold it until the morning (decision 0685)."""

from __future__ import annotations

import psycopg
from psycopg.rows import scalar_row

from automation.messages.catalog import Channel
from automation.outbox.enqueue import Cause, Enqueued, enqueue_message
from automation.workflows import follow_ups
from automation.workflows.offers import offer_facts
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
    offer = offer_facts(conn, course_id) if course_id else None
    if offer is None:
        raise CallRefused("the lead has no course with an upcoming batch for the call to talk about; set one")
    key = f"call:{request_id}:{lead_id}"
    facts = follow_ups.facts(Channel.CALL, "welcome", key, recipient, offer=offer, files_url=files_url)
    return enqueue_message(
        conn, channel=Channel.CALL, template="welcome", recipient=recipient,
        context=follow_ups.step_context(facts), dedupe_key=key, cause=Cause("leads", lead_id),
        created_by=admin_id, render_facts=facts,
    )  # fmt: skip
