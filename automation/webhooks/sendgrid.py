"""SendGrid's Event Webhook (ECDSA-signed) and Inbound Parse posts, checked and mapped to our events."""

from __future__ import annotations

import binascii
import hashlib
import json
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from email.parser import HeaderParser
from email.utils import parseaddr
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from sendgrid.helpers.eventwebhook import EventWebhook
from sendgrid.helpers.eventwebhook.eventwebhook_header import EventWebhookHeader

from automation.messages.status import MessageStatus
from automation.providers.sendgrid import MESSAGE_ID_ARG
from automation.webhooks.email_authentication import sender_authenticated
from automation.webhooks.events import InboundMessage, StatusUpdate, WebhookPayloadError
from automation.webhooks.replies import latest_reply
from automation.webhooks.secrets import secret_matches

PROVIDER = "sendgrid"
SIGNATURE_HEADER = EventWebhookHeader.SIGNATURE
TIMESTAMP_HEADER = EventWebhookHeader.TIMESTAMP
MAX_CLOCK_SKEW_SECONDS = 600  # our policy: SendGrid mandates no window

EVENT_STATUS: dict[str, MessageStatus | None] = {
    "processed": MessageStatus.SENT,
    "deferred": None,
    "delivered": MessageStatus.DELIVERED,
    "open": MessageStatus.READ,
    "click": MessageStatus.READ,
    "bounce": MessageStatus.BOUNCED,
    "dropped": MessageStatus.FAILED,
}
SUPPRESSIONS = {
    "bounce": "bounce",
    "spamreport": "spam_report",
    "unsubscribe": "unsubscribe",
    "group_unsubscribe": "unsubscribe",
}


def verify_event_signature(
    public_key: str, signature: str | None, timestamp: str | None, body: bytes, now: float | None = None
) -> bool:
    """True when `signature` is SendGrid's ECDSA signature of timestamp + the exact raw body, made
    with the key whose base64 DER form is `public_key`, and the timestamp is within our skew window.
    Never true without a key: an unconfigured webhook verifies nothing."""
    if not public_key or not signature or not timestamp or not (timestamp.isascii() and timestamp.isdigit()):
        return False
    if abs((now if now is not None else time.time()) - int(timestamp)) > MAX_CLOCK_SKEW_SECONDS:
        return False
    try:
        return EventWebhook(public_key).verify_signature(body.decode("utf-8"), signature, timestamp)
    except (UnicodeDecodeError, binascii.Error, ValueError, UnsupportedAlgorithm):
        return False


def parse_events(body: bytes) -> list[StatusUpdate]:
    """The batch's events; raises WebhookPayloadError when the body is not a JSON array of events."""
    try:
        events = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise WebhookPayloadError("SendGrid events: not JSON") from error
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise WebhookPayloadError("SendGrid events: expected a JSON array of objects")
    return [status_update(event) for event in events]


def status_update(event: Mapping[str, Any]) -> StatusUpdate:
    """One event. The X-Message-Id is the sg_message_id's part before the first dot."""
    if not event.get("sg_event_id") or not event.get("event"):
        raise WebhookPayloadError("SendGrid event without sg_event_id or event")
    name = str(event["event"])
    sg_message_id = str(event.get("sg_message_id") or "")
    return StatusUpdate(
        provider=PROVIDER,
        event_id=str(event["sg_event_id"]),
        event=name,
        status=MessageStatus.FAILED if _blocked(name, event) else EVENT_STATUS.get(name),
        occurred_at=datetime.fromtimestamp(int(event.get("timestamp") or 0), UTC),
        recipient=str(event.get("email") or "").lower(),
        provider_message_id=sg_message_id.split(".", 1)[0] or None,
        message_id=event.get(MESSAGE_ID_ARG),
        detail=event.get("reason") or event.get("url"),
        suppression=_suppression(name, event),
    )


def _blocked(name: str, event: Mapping[str, Any]) -> bool:
    """A bounce of type "blocked": the receiving server refused this message (reputation, policy, often
    for a while), not the address. The message failed, but SendGrid does not suppress the address."""
    return name == "bounce" and event.get("type") == "blocked"


def _suppression(name: str, event: Mapping[str, Any]) -> str | None:
    if _blocked(name, event):
        return None
    if name == "dropped":
        reason = str(event.get("reason") or "").lower()
        return next(
            (kind for word, kind in (("bounce", "bounce"), ("spam", "spam_report")) if word in reason), None
        )
    return SUPPRESSIONS.get(name)


def inbound_secret_matches(configured: str | None, given: str) -> bool:
    """The secret path segment of /webhooks/sendgrid/inbound/<secret>; never true when none is set."""
    return secret_matches(configured, given)


def parse_inbound(form: Mapping[str, str]) -> InboundMessage:
    """A parsed (not raw) Inbound Parse post; raises WebhookPayloadError without a sender. The sender is
    verified only when DKIM or aligned SPF vouches for the From address's domain (decision 0674)."""
    name, address = parseaddr(form.get("from", ""))
    if "@" not in address:
        raise WebhookPayloadError("Inbound Parse post without a from address")
    headers = HeaderParser().parsestr(form.get("headers", ""))
    text = latest_reply(form.get("text", ""))
    return InboundMessage(
        provider=PROVIDER,
        event_id=(headers.get("Message-ID") or "").strip() or _content_id(form),
        channel="email",
        sender=address.lower(),
        sender_name=name,
        text=text,
        received_at=datetime.now(UTC),
        subject=form.get("subject"),
        in_reply_to=_replied_message_id(headers.get("In-Reply-To")),
        sender_verified=sender_authenticated(form, address),
    )


def _content_id(form: Mapping[str, str]) -> str:
    """Stands in for a missing Message-ID: the same post always gets the same id."""
    content = "\0".join(form.get(key, "") for key in ("from", "subject", "text"))
    return "sha256:" + hashlib.sha256(content.encode()).hexdigest()


def _replied_message_id(header: str | None) -> str | None:
    """SendGrid's Message-ID is <X-Message-Id@host>: the local part names the message replied to."""
    local = (header or "").strip().strip("<>").partition("@")[0]
    return local or None
