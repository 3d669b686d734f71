"""Enqueue outbound work inside the caller's transaction: messages (timeline row + outbox row) and requests.

Payload shapes, by (channel, operation), as the worker's handlers read them:

- ("email", "send"): {"to_email", "to_name", "subject", "text", "html",
  "categories": [str], "attachments": [{"filename", "content_base64", "mime_type"}]}
- ("whatsapp", "send"): {"phone", "name", "campaign", "params": [str], "media": {"url", "filename"} | null}
- ("call", "start_call"): {"phone", "user_data": {...}}
- any message may carry "confirms_opt_out": true — the one confirmation of an opt-out, sent despite it.
- any other (channel, operation), e.g. ("payments", "create_payment_link") or ("auth", "invite_user"):
  the caller's own JSON object, read by the handler registered for it (see automation.outbox.registry).

The idempotency key is unique across the outbox: enqueueing the same key again writes nothing and
returns the existing row's ids with `created=False`.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from jinja2 import TemplateNotFound
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from automation.messages.catalog import CALL_VARIABLES, WHATSAPP_PARAMS, Channel, Outgoing
from automation.messages.templates import (
    CallBrief,
    EmailContent,
    WhatsAppContent,
    render_call,
    render_email,
    render_whatsapp,
)
from automation.outbox.enqueue_statements import ENQUEUE_MANY, ENQUEUE_ONE, INSERT_OUTBOX
from automation.providers.ports import Attachment, Media

OPERATIONS = {Channel.EMAIL: "send", Channel.WHATSAPP: "send", Channel.CALL: "start_call"}
ENQUEUE_CHUNK = 500  # messages per statement of enqueue_many: bounds its parameter (about 2 kB an email)
Content = EmailContent | WhatsAppContent | CallBrief
ADDRESS = ("to_email", "to_name", "phone", "name")  # the payload keys that say whom a message goes to


@dataclass(frozen=True)
class Recipient:
    """Who receives a message: the lead and/or student it belongs to, and the address used."""

    name: str
    lead_id: str | None = None
    profile_id: str | None = None
    email: str | None = None
    phone: str | None = None  # E.164


@dataclass(frozen=True)
class Cause:
    """The row whose change caused the message (e.g. cta_submissions / its id)."""

    table: str
    id: str


@dataclass(frozen=True)
class Addressed:
    """One of many messages from one template: who gets it, its context, its dedupe key, its cause, and
    the facts it is rendered from again when it goes (as enqueue_message's `render_facts`)."""

    recipient: Recipient
    context: Mapping[str, Any]
    dedupe_key: str
    cause: Cause | None = None
    render_facts: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class _Message:
    """A rendered message and everything its outbox and timeline rows need."""

    channel: Channel
    template: str
    content: Content
    recipient: Recipient
    dedupe_key: str
    party: str
    cause: Cause | None
    created_by: str | None
    attachments: Sequence[Attachment] = ()
    confirms_opt_out: bool = False
    render_facts: Mapping[str, Any] | None = None
    facts_only: bool = False  # the payload carries the address and render_facts, not the rendered text


@dataclass(frozen=True)
class Enqueued:
    outbox_id: str
    crm_message_id: str | None
    created: bool


def enqueue_message(
    conn: psycopg.Connection,
    *,
    channel: Channel | str,
    template: str,
    recipient: Recipient,
    context: Mapping[str, Any],
    dedupe_key: str,
    cause: Cause | None = None,
    created_by: str | None = None,
    party: str = "self",
    media: Media | None = None,
    attachments: Sequence[Attachment] = (),
    render_facts: Mapping[str, Any] | None = None,
) -> Enqueued:
    """Render `template` for `channel` and enqueue it (timeline row `queued` + outbox row), once per key.

    `render_facts` go under the payload's "render": the worker renders the message again from them when
    it sends it (automation.outbox.deferred), and the timeline then shows what went.
    Raises jinja2.UndefinedError when the context lacks a variable the template uses, and ValueError when
    the recipient has no address for the channel.
    """
    channel = Channel(channel)
    content = render(channel, template, context, media)
    message = _Message(
        channel, template, content, recipient, dedupe_key, party, cause, created_by, tuple(attachments),
        render_facts=render_facts,
    )  # fmt: skip
    return _enqueue(conn, [message])[0]


def enqueue_outgoing(
    conn: psycopg.Connection,
    outgoing: Outgoing,
    recipient: Recipient,
    *,
    cause: Cause | None = None,
    created_by: str | None = None,
    party: str = "self",
    confirms_opt_out: bool = False,
) -> Enqueued:
    """Enqueue a message the catalog already rendered (e.g. each of `catalog.welcome(...)`), once per key.

    `confirms_opt_out` marks the confirmation of an opt-out: the only message sent despite it.
    """
    message = _Message(
        outgoing.channel, outgoing.name, outgoing.content, recipient,
        outgoing.dedupe_key, party, cause, created_by, (), confirms_opt_out,
    )  # fmt: skip
    return _enqueue(conn, [message])[0]


def enqueue_many(
    conn: psycopg.Connection,
    *,
    channel: Channel | str,
    template: str,
    messages: Sequence[Addressed],
    created_by: str | None = None,
    campaign_id: str | None = None,
) -> list[Enqueued]:
    """Render `template` for each of `messages` and enqueue them (timeline and outbox rows, both linked to
    `campaign_id`) in one statement per ENQUEUE_CHUNK, once per key; the results in the order of `messages`.

    A message with render facts is rendered again from them when it goes, so its outbox payload keeps only
    its address and the facts (as the SQL-queued welcomes' do); its timeline row shows the text meanwhile.
    That keeps a campaign's rows as small as before it carried facts (decision 0685).

    Raises as enqueue_message does.
    """
    channel = Channel(channel)
    wanted = [_addressed(channel, template, m, created_by) for m in messages]
    chunks = range(0, len(wanted), ENQUEUE_CHUNK)
    return [done for n in chunks for done in _enqueue(conn, wanted[n : n + ENQUEUE_CHUNK], campaign_id)]


def _addressed(channel: Channel, template: str, message: Addressed, created_by: str | None) -> _Message:
    content = render(channel, template, message.context)
    return _Message(
        channel, template, content, message.recipient, message.dedupe_key, "self", message.cause, created_by,
        render_facts=message.render_facts, facts_only=message.render_facts is not None,
    )  # fmt: skip


def enqueue_request(
    conn: psycopg.Connection,
    *,
    channel: str,
    operation: str,
    payload: Mapping[str, Any],
    idempotency_key: str,
    cause: Cause | None = None,
    created_by: str | None = None,
    lead_id: str | None = None,
    profile_id: str | None = None,
    max_attempts: int | None = None,
) -> Enqueued:
    """Enqueue a non-message provider request; a repeated key writes nothing (`created=False`)."""
    row = {
        "channel": channel, "operation": operation, "payload": Jsonb(dict(payload)),
        "idempotency_key": idempotency_key, "lead_id": lead_id, "profile_id": profile_id,
        "party": "self", "cause_table": cause.table if cause else None,
        "cause_id": cause.id if cause else None, "created_by": created_by,
        "max_attempts": max_attempts,
    }  # fmt: skip
    outbox_id = _insert_outbox(conn, row)
    if outbox_id is None:
        return _existing(conn, idempotency_key)
    return Enqueued(outbox_id, None, True)


def render(
    channel: Channel, template: str, context: Mapping[str, Any], media: Media | None = None
) -> Content:
    """The message as the contact will get it (and as the timeline shows it).

    Raises jinja2.TemplateNotFound for a message without a template on this channel.
    """
    if channel == Channel.EMAIL:
        return render_email(template, context)
    if channel == Channel.WHATSAPP:
        if template not in WHATSAPP_PARAMS:
            raise TemplateNotFound(f"messages/{template}/whatsapp.txt")
        return render_whatsapp(template, context, WHATSAPP_PARAMS[template], media)
    return render_call(template, context, CALL_VARIABLES)


def _enqueue(
    conn: psycopg.Connection, messages: Sequence[_Message], campaign_id: str | None = None
) -> list[Enqueued]:
    rows = [_row(message) for message in messages]
    if len(rows) == 1:
        statement, params = ENQUEUE_ONE, {**rows[0], "payload": Jsonb(rows[0]["payload"])}
    else:
        statement, params = ENQUEUE_MANY, {"rows": Jsonb(rows)}
    cursor = conn.cursor(row_factory=dict_row)
    found = cursor.execute(statement, {**params, "campaign_id": campaign_id}).fetchall()
    new = {r["idempotency_key"]: Enqueued(str(r["id"]), str(r["crm_message_id"]), True) for r in found}
    # pop: a key given twice is new the first time only
    return [new.pop(m.dedupe_key, None) or _existing(conn, m.dedupe_key) for m in messages]


def _row(message: _Message) -> dict[str, Any]:
    """The outbox row's columns and what its timeline row shows, as ENQUEUE reads them."""
    recipient, cause = message.recipient, message.cause
    if recipient.lead_id is None and recipient.profile_id is None:
        raise ValueError("a conversation needs a lead_id or a profile_id")
    payload = payload_for(message.channel, message.content, recipient, message.attachments)
    if message.confirms_opt_out:
        payload["confirms_opt_out"] = True
    if message.render_facts is not None:
        kept = {k: payload[k] for k in ADDRESS if k in payload} if message.facts_only else payload
        payload = {**kept, "render": dict(message.render_facts)}
    subject, body = shown(message.content)
    return {
        "channel": str(message.channel), "operation": OPERATIONS[message.channel], "payload": payload,
        "idempotency_key": message.dedupe_key, "lead_id": recipient.lead_id,
        "profile_id": recipient.profile_id, "party": message.party,
        "cause_table": cause.table if cause else None, "cause_id": cause.id if cause else None,
        "created_by": message.created_by, "subject": subject, "body": body, "template": message.template,
    }  # fmt: skip


def payload_for(
    channel: Channel, content: Content, recipient: Recipient, attachments: Sequence[Attachment] = ()
) -> dict[str, Any]:
    """The outbox payload of a rendered message (shapes in this module's docstring)."""
    if isinstance(content, EmailContent):
        return {
            "to_email": _address(recipient.email, "email", channel), "to_name": recipient.name,
            "subject": content.subject, "text": content.text, "html": content.html, "categories": [],
            "attachments": [_attachment(a) for a in attachments],
        }  # fmt: skip
    phone = _address(recipient.phone, "phone", channel)
    if isinstance(content, WhatsAppContent):
        media = {"url": content.media.url, "filename": content.media.filename} if content.media else None
        return {"phone": phone, "name": recipient.name, "campaign": content.campaign,
                "params": list(content.params), "media": media}  # fmt: skip
    return {"phone": phone, "user_data": dict(content.user_data)}


def _address(value: str | None, kind: str, channel: Channel) -> str:
    if not value:
        raise ValueError(f"recipient.{kind} is required to send on {channel}; add the contact's {kind}")
    return value


def _attachment(attachment: Attachment) -> dict[str, str]:
    content = base64.b64encode(attachment.content).decode()
    return {"filename": attachment.filename, "content_base64": content, "mime_type": attachment.mime_type}


def _insert_outbox(conn: psycopg.Connection, row: Mapping[str, Any]) -> str | None:
    found = conn.cursor(row_factory=dict_row).execute(INSERT_OUTBOX, row).fetchone()
    return str(found["id"]) if found else None


def _existing(conn: psycopg.Connection, key: str) -> Enqueued:
    found = (
        conn.cursor(row_factory=dict_row)
        .execute("select id, crm_message_id from public.outbox where idempotency_key = %s", (key,))
        .fetchone()
    )
    if found is None:  # the conflicting row was inserted by a transaction that has since rolled back
        raise psycopg.errors.SerializationFailure(f"outbox key {key!r} vanished; retry the operation")
    message_id = found["crm_message_id"]
    return Enqueued(str(found["id"]), str(message_id) if message_id else None, False)


def shown(content: Content) -> tuple[str | None, str]:
    """Subject and body as the timeline shows them."""
    if isinstance(content, EmailContent):
        return content.subject, content.text
    if isinstance(content, WhatsAppContent):
        return None, content.text
    return None, str(content.user_data.get("brief", ""))
