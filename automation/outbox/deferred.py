"""Messages rendered at send time: a payload with "render" facts becomes the full payload just before sending.

SQL cannot run Jinja, so the lead intake's single call (`private.submit_form_lead`) queues the lead's
welcome with the facts it read (lead, offer, files URL) under "render", and a payment's conversion
(`private.enqueue_seat_messages`) the student's welcome with `private.welcome_details`; the handler
renders them here, and the timeline row gets the subject and body in the transaction that records the send.
A lead's welcome may wait hours (quiet hours, retries), so it quotes the course's offer as it is when it
goes, not as it was queued (decision 0693); so do the follow-up steps a sequence queues with their facts,
and a student's welcome reads its batch's schedule and next class again (0699).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import psycopg

from automation.app_links import AppLinks
from automation.messages import catalog
from automation.messages.catalog import Channel, Contact, Outgoing
from automation.outbox.enqueue import Recipient, payload_for, shown
from automation.outbox.registry import ConnFactory
from automation.workflows import follow_ups
from automation.workflows.enrollment_messages import current_schedule, student_welcome_messages
from automation.workflows.offers import current_offer, offer_from


@dataclass(frozen=True)
class Resolved:
    """The payload to send and, for a message rendered now, what the timeline shows."""

    payload: Mapping[str, Any]
    subject: str | None = None
    body: str | None = None


def _welcome(facts: Mapping[str, Any], _links: AppLinks) -> list[Outgoing]:
    offer = offer_from(facts["offer"], facts["files_url"])
    first_name = catalog.first_name_of(facts["full_name"])
    contact = Contact(str(facts["lead_id"]), first_name, facts["email"], facts["phone"])
    return catalog.welcome(contact, offer.course, offer.center, facts.get("channels"))


# Each renderer gets the message's facts and the web app's pages, which come from the deployment's settings
# (no SQL knows them).
RENDERERS: dict[str, Callable[[Mapping[str, Any], AppLinks], list[Outgoing]]] = {
    "welcome": _welcome,
    "student_welcome": student_welcome_messages,
    follow_ups.MESSAGE: follow_ups.follow_up_messages,
}


def _with_current_offer(conn: psycopg.Connection, facts: Mapping[str, Any]) -> Mapping[str, Any]:
    return {**facts, "offer": current_offer(conn, facts["offer"])}


# Messages whose queued facts may have gone stale, with what reads them again just before rendering (one
# query per message).
REFRESHERS: dict[str, Callable[[psycopg.Connection, Mapping[str, Any]], Mapping[str, Any]]] = {
    "welcome": _with_current_offer,
    follow_ups.MESSAGE: _with_current_offer,  # the batch of a sequence's step (0699), a campaign's (0685)
    "student_welcome": current_schedule,  # the student's first class, rescheduled since (0699)
}


def current(row: Mapping[str, Any], conn_factory: ConnFactory) -> Mapping[str, Any]:
    """The row, its render facts read again through `conn_factory` when REFRESHERS names its message."""
    facts = row["payload"].get("render")
    refresh = facts and REFRESHERS.get(facts["message"])
    if not refresh:
        return row
    with conn_factory() as conn:
        facts = refresh(conn, facts)
    return {**row, "payload": {**row["payload"], "render": facts}}


def resolve(row: Mapping[str, Any], links: AppLinks) -> Resolved:
    """The row's payload, rendered from its facts when it has some; raises KeyError for an unknown message."""
    payload = row["payload"]
    facts = payload.get("render")
    if facts is None:
        return Resolved(payload)
    channel = Channel(row["channel"])
    outgoing = next(m for m in RENDERERS[facts["message"]](facts, links) if m.channel == channel)
    lead, student = facts.get("lead_id"), facts.get("student_id")
    recipient = Recipient(facts["full_name"] or "", lead and str(lead), student and str(student),
                          facts["email"], facts["phone"])  # fmt: skip
    subject, body = shown(outgoing.content)
    return Resolved(payload_for(channel, outgoing.content, recipient), subject, body)
