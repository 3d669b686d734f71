"""One approved course template to one lead: what goes out when WhatsApp's 24-hour window is closed."""

from __future__ import annotations

import psycopg
from psycopg.rows import dict_row

from automation.messages.catalog import Channel
from automation.outbox.enqueue import Enqueued
from automation.workflows import follow_ups
from automation.workflows.offers import offer_facts
from automation.workflows.segments import BulkMessage, enqueue_course_message

LEAD = """
select l.course_id::text as course_id, l.email, l.phone,
       private.opted_out(l.id, l.converted_profile_id, 'self', %(channel)s::public.contact_channel)
         as opted_out
  from public.leads l where l.id = %(lead)s
"""


class TemplateRefused(ValueError):
    """The template cannot go to this lead; the message says why and what to do instead."""


def send_template(conn: psycopg.Connection, lead_id: str, message: BulkMessage, files_url: str) -> Enqueued:
    """Queue the course template `message.template` to the lead, once per request id, in the caller's
    transaction.

    Raises LookupError for an unknown lead, TemplateRefused when the lead lacks the channel's address, opted
    out of the channel, or has no course with an upcoming batch (the templates announce its start). The
    message quotes the offer as it is when it goes (decision 0685).
    """
    channel = str(message.channel)
    lead = conn.cursor(row_factory=dict_row).execute(LEAD, {"lead": lead_id, "channel": channel}).fetchone()
    if lead is None:
        raise LookupError(f"lead {lead_id} does not exist")
    address = lead["email"] if message.channel == Channel.EMAIL else lead["phone"]
    if not address:
        kind = "email address" if message.channel == Channel.EMAIL else "phone number"
        raise TemplateRefused(f"the lead has no {kind}; add one, or use the other channel")
    if lead["opted_out"]:
        raise TemplateRefused(f"the lead opted out of {channel}; use another channel")
    offer = offer_facts(conn, lead["course_id"]) if lead["course_id"] else None
    if offer is None:
        raise TemplateRefused(
            "the lead has no course with an upcoming batch for the template to announce; set one"
        )
    offered = follow_ups.Offered.of(offer, files_url)
    return enqueue_course_message(conn, lead_id, offered, message, scope="template")
