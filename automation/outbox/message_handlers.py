"""Send handlers for email, WhatsApp and calls: payload → provider port → timeline status and channel log.

Our message id (the crm_messages id, else the outbox id) rides with every send — SendGrid custom args,
Bolna user_data — so a resend after a crash carries the same idempotency data and events find the row.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from automation.outbox.deferred import Resolved, current, resolve
from automation.outbox.registry import ConnFactory, Sent, SentMessage, handles
from automation.providers import aisensy, bolna, sendgrid
from automation.providers.ports import Attachment, Call, Email, Media, WhatsAppTemplate


def message_id(row: Mapping[str, Any]) -> str:
    return str(row["crm_message_id"] or row["id"])


def _sent(
    row: Mapping[str, Any], resolved: Resolved, provider: str, result: dict[str, str], log: dict[str, Any]
) -> Sent:
    """The send; the worker marks its timeline message sent and writes `log` (the channel log's columns)
    with the group's others, then applies events the provider sent before we got here. A row without a
    timeline message records nothing but the outbox row."""
    (provider_id,) = result.values()
    message = None
    if row["crm_message_id"] is not None:
        message = SentMessage(
            str(row["crm_message_id"]), row["channel"], provider, provider_id, log,
            resolved.subject, resolved.body,
        )  # fmt: skip
    return Sent(result, provider, message=message, early_events=(provider, provider_id))


@handles("email", "send")
def send_email(conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    resolved = resolve(current(row, conn_factory), providers.links)
    payload = resolved.payload
    email = Email(
        message_id=message_id(row), to_email=payload["to_email"], to_name=payload.get("to_name") or "",
        subject=payload["subject"], text=payload["text"], html=payload.get("html"),
        categories=tuple(payload.get("categories") or ()),
        attachments=tuple(_attachment(a) for a in payload.get("attachments") or ()),
    )  # fmt: skip
    accepted = providers.email.send_email(email)
    log = {"to_email": email.to_email, "subject": email.subject, "categories": list(email.categories)}
    return _sent(row, resolved, sendgrid.PROVIDER, {"provider_message_id": accepted.provider_message_id}, log)


def _attachment(raw: Mapping[str, str]) -> Attachment:
    return Attachment(raw["filename"], base64.b64decode(raw["content_base64"]), raw["mime_type"])


@handles("whatsapp", "send")
def send_whatsapp(conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    resolved = resolve(current(row, conn_factory), providers.links)
    payload = resolved.payload
    media = Media(**payload["media"]) if payload.get("media") else None
    message = WhatsAppTemplate(
        message_id=message_id(row), phone=payload["phone"], name=payload.get("name") or "",
        campaign=payload["campaign"], params=tuple(payload.get("params") or ()), media=media,
    )  # fmt: skip
    accepted = providers.whatsapp.send_template(message)
    log = {"to_phone": message.phone, "template_name": message.campaign,
           "template_params": list(message.params), "media_url": media.url if media else None}  # fmt: skip
    return _sent(row, resolved, aisensy.PROVIDER, {"provider_message_id": accepted.provider_message_id}, log)


@handles("call", "start_call")
def start_call(conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    resolved = resolve(current(row, conn_factory), providers.links)
    payload = resolved.payload
    call = Call(message_id=message_id(row), phone=payload["phone"], user_data=payload.get("user_data") or {})
    execution = providers.voice.start_call(call)
    return _sent(
        row, resolved, bolna.PROVIDER, {"execution_id": execution.execution_id}, {"to_phone": call.phone}
    )
