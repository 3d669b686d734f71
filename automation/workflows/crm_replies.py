"""A person's reply to a lead from the CRM, by email or WhatsApp (inside WhatsApp's 24-hour window only)."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.rows import scalar_row

from automation.messages import catalog
from automation.messages.catalog import Channel, Contact, Reply
from automation.outbox.enqueue import Cause, Enqueued, enqueue_outgoing
from automation.workflows.conversations import conversation_for
from automation.workflows.offers import load_center
from automation.workflows.request_ids import claim
from automation.workflows.welcome import lead_contact

WINDOW_OPEN = "select coalesce(private.whatsapp_window_ends_at(%s, 'self') > now(), false)"
AUTHOR = "select coalesce(nullif(full_name, ''), 'Our team') from public.profiles where id = %s"
# The lead's opt-out or the student's it became, as the template and call endpoints and the worker read it.
OPTED_OUT = "select private.opted_out(%s, null, 'self', %s::public.contact_channel)"


class ReplyRefused(ValueError):
    """The reply cannot go out this way; the message says why and what to send instead."""


def send_reply(
    conn: psycopg.Connection, lead_id: str, channel: Channel, reply: Reply, admin_id: str
) -> Enqueued:
    """Queue `reply` to the lead in the caller's transaction; `reply.id` (a request id) keeps a retry single.

    Raises RequestIdReused when `reply.id` already asked for another lead, channel, subject or body; raises
    ReplyRefused when the lead lacks the address, opted out of the channel (the worker checks again
    at send time), or when WhatsApp's customer-service window is closed (the lead has not written to us on
    WhatsApp in 24 hours; only a template may go then).
    """
    claim(conn, "reply", reply.id, _asked(lead_id, channel, reply), _described)
    contact, recipient = lead_contact(conn, lead_id)
    _check_reachable(conn, lead_id, contact, channel)
    author = conn.cursor(row_factory=scalar_row).execute(AUTHOR, (admin_id,)).fetchone()
    signed = Reply(reply.id, author or "Our team", reply.body, reply.subject)
    outgoing = catalog.reply_to_contact(contact, load_center(conn), channel, signed)
    return enqueue_outgoing(conn, outgoing, recipient, cause=Cause("leads", lead_id), created_by=admin_id)


def _asked(lead_id: str, channel: Channel, reply: Reply) -> dict[str, Any]:
    """What the reply request asks: the lead, the channel and the text (a WhatsApp reply has no subject)."""
    subject = {"subject": reply.subject} if channel == Channel.EMAIL else {}
    return {"lead": lead_id, "channel": str(channel), **subject, "body": reply.body}


def _described(asked: dict[str, Any]) -> str:
    """A reply request in words: `email reply to lead <id> starting "See you on Saturday"`."""
    text = " ".join(asked["body"].split())
    start = text if len(text) <= 40 else text[:40].rstrip() + "…"
    return f'{asked["channel"]} reply to lead {asked["lead"]} starting "{start}"'


def _check_reachable(conn: psycopg.Connection, lead_id: str, contact: Contact, channel: Channel) -> None:
    """Raises ReplyRefused, saying what to do instead, when the reply could not go out on `channel`."""
    if not (contact.email if channel == Channel.EMAIL else contact.phone):
        raise ReplyRefused(
            f"the lead has no {'email' if channel == Channel.EMAIL else 'phone'} to {channel} to"
        )
    if conn.cursor(row_factory=scalar_row).execute(OPTED_OUT, (lead_id, str(channel))).fetchone():
        raise ReplyRefused(
            f"the lead opted out of {channel}, so nothing was sent; they opt back in by replying START on "
            f"{channel}. Until then, use another channel"
        )
    if channel == Channel.WHATSAPP and not _window_open(conn, lead_id):
        raise ReplyRefused(
            "WhatsApp's 24-hour window is closed (no WhatsApp message from this lead in the last 24 hours): "
            "only an approved template can be sent now; send a follow-up template or reply by email"
        )


def _window_open(conn: psycopg.Connection, lead_id: str) -> bool:
    conversation = conversation_for(conn, lead_id, None)
    return bool(conn.cursor(row_factory=scalar_row).execute(WINDOW_OPEN, (conversation,)).fetchone())
