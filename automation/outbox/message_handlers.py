"""Send handlers for email, WhatsApp and calls: payload → provider port → timeline status and channel log.

Our message id (the crm_messages id, else the outbox id) rides with every send — SendGrid custom args,
Bolna user_data — so a resend after a crash carries the same idempotency data and events find the row.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from automation.outbox.deferred import Resolved, resolve
from automation.outbox.registry import ConnFactory, Sent, handles
from automation.providers import aisensy, bolna, sendgrid
from automation.providers.ports import Attachment, Call, Email, Media, WhatsAppTemplate

# A message rendered at send time (automation.outbox.deferred) fills its subject and body here.
MARK_SENT = """
update public.crm_messages set status = 'sent', provider = %s, provider_message_id = %s,
       subject = coalesce(%s, subject), body = coalesce(%s, body)
 where id = %s
"""
EMAIL_LOG = """
insert into public.email_logs (message_id, to_email, subject, categories, provider_message_id)
values (%s, %s, %s, %s, %s)
on conflict (message_id) do update set provider_message_id = excluded.provider_message_id
"""
WHATSAPP_LOG = """
insert into public.whatsapp_logs
       (message_id, to_phone, template_name, template_params, media_url, provider_message_id, sent_at)
values (%s, %s, %s, %s, %s, %s, now())
on conflict (message_id) do update set provider_message_id = excluded.provider_message_id
"""
CALL_LOG = """
insert into public.call_logs (message_id, to_phone, execution_id, status) values (%s, %s, %s, 'queued')
on conflict (message_id) do update set execution_id = excluded.execution_id
"""


def message_id(row: Mapping[str, Any]) -> str:
    return str(row["crm_message_id"] or row["id"])


def _timeline(
    conn: psycopg.Connection, row: Mapping[str, Any], resolved: Resolved, provider: str, provider_id: str
) -> bool:
    """Mark the timeline message sent; False when the message has no timeline row."""
    if row["crm_message_id"] is None:
        return False
    values = (provider, provider_id, resolved.subject, resolved.body, row["crm_message_id"])
    conn.execute(MARK_SENT, values)
    return True


def _sent(provider: str, result: dict[str, str], record: Callable[[psycopg.Connection], None]) -> Sent:
    """The send; with the channel log written, events the provider sent before we got here are applied."""
    (provider_id,) = result.values()
    return Sent(result, provider, record, early_events=(provider, provider_id))


@handles("email", "send")
def send_email(_conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    resolved = resolve(row)
    payload = resolved.payload
    email = Email(
        message_id=message_id(row), to_email=payload["to_email"], to_name=payload.get("to_name") or "",
        subject=payload["subject"], text=payload["text"], html=payload.get("html"),
        categories=tuple(payload.get("categories") or ()),
        attachments=tuple(_attachment(a) for a in payload.get("attachments") or ()),
    )  # fmt: skip
    accepted = providers.email.send_email(email)

    def record(conn: psycopg.Connection) -> None:
        if _timeline(conn, row, resolved, sendgrid.PROVIDER, accepted.provider_message_id):
            conn.execute(
                EMAIL_LOG,
                (row["crm_message_id"], email.to_email, email.subject, list(email.categories),
                 accepted.provider_message_id),
            )  # fmt: skip

    return _sent(sendgrid.PROVIDER, {"provider_message_id": accepted.provider_message_id}, record)


def _attachment(raw: Mapping[str, str]) -> Attachment:
    return Attachment(raw["filename"], base64.b64decode(raw["content_base64"]), raw["mime_type"])


@handles("whatsapp", "send")
def send_whatsapp(_conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    resolved = resolve(row)
    payload = resolved.payload
    media = Media(**payload["media"]) if payload.get("media") else None
    message = WhatsAppTemplate(
        message_id=message_id(row), phone=payload["phone"], name=payload.get("name") or "",
        campaign=payload["campaign"], params=tuple(payload.get("params") or ()), media=media,
    )  # fmt: skip
    accepted = providers.whatsapp.send_template(message)

    def record(conn: psycopg.Connection) -> None:
        if _timeline(conn, row, resolved, aisensy.PROVIDER, accepted.provider_message_id):
            conn.execute(
                WHATSAPP_LOG,
                (row["crm_message_id"], message.phone, message.campaign, Jsonb(list(message.params)),
                 media.url if media else None, accepted.provider_message_id),
            )  # fmt: skip

    return _sent(aisensy.PROVIDER, {"provider_message_id": accepted.provider_message_id}, record)


@handles("call", "start_call")
def start_call(_conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    resolved = resolve(row)
    payload = resolved.payload
    call = Call(message_id=message_id(row), phone=payload["phone"], user_data=payload.get("user_data") or {})
    execution = providers.voice.start_call(call)

    def record(conn: psycopg.Connection) -> None:
        if _timeline(conn, row, resolved, bolna.PROVIDER, execution.execution_id):
            conn.execute(CALL_LOG, (row["crm_message_id"], call.phone, execution.execution_id))

    return _sent(bolna.PROVIDER, {"execution_id": execution.execution_id}, record)
