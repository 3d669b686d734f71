"""AiSensy's webhooks: a shared-secret HMAC (header and hash configurable), status and incoming topics."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from automation.messages.status import MessageStatus
from automation.webhooks.events import InboundMessage, StatusUpdate, WebhookPayloadError

PROVIDER = "aisensy"
INBOUND_TOPIC = "message.sender.user"
STATUS_TOPIC_PREFIX = "message.status."
STATUSES = {
    "sent": MessageStatus.SENT,
    "delivered": MessageStatus.DELIVERED,
    "read": MessageStatus.READ,
    "failed": MessageStatus.FAILED,
}


@dataclass(frozen=True)
class SignatureScheme:
    """How AiSensy signs: not documented officially, hence configurable (providers.md section 2)."""

    secret: str
    header: str = "X-AiSensy-Signature"
    algorithm: str = "sha256"  # any hashlib name: sha256, sha1, sha512


def verify_signature(scheme: SignatureScheme, signature: str | None, body: bytes) -> bool:
    """True when `signature` (hex, optionally "sha256=" prefixed) is the HMAC of the raw body."""
    if not signature or not scheme.secret:
        return False
    expected = hmac.new(scheme.secret.encode(), body, getattr(hashlib, scheme.algorithm)).hexdigest()
    given = signature.strip().lower().removeprefix(f"{scheme.algorithm}=")
    return hmac.compare_digest(given.encode(), expected.encode())


def parse(body: bytes) -> StatusUpdate | InboundMessage | None:
    """The event, or None for a topic we do not use; raises WebhookPayloadError for a malformed body."""
    envelope = _envelope(body)
    topic = str(envelope["topic"])
    message = envelope["data"]["message"]
    if topic == INBOUND_TOPIC:
        return inbound(envelope["id"], message)
    status = str(message.get("status") or topic.removeprefix(STATUS_TOPIC_PREFIX)).lower()
    if not topic.startswith(STATUS_TOPIC_PREFIX) or status not in STATUSES:
        return None
    return status_update(envelope["id"], status, message)


def _envelope(body: bytes) -> dict[str, Any]:
    try:
        envelope = json.loads(body)
        if envelope["id"] and envelope["topic"] and isinstance(envelope["data"]["message"], dict):
            return envelope
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as error:
        raise WebhookPayloadError("AiSensy webhook: not an {id, topic, data.message} object") from error
    raise WebhookPayloadError("AiSensy webhook: empty id or topic")


def _when(message: Mapping[str, Any]) -> datetime:
    try:
        return datetime.fromisoformat(str(message.get("sent_at")))
    except ValueError:
        return datetime.now(UTC)


def _phone(message: Mapping[str, Any]) -> str:
    return "+" + str(message.get("phone_number", "")).lstrip("+")


def status_update(event_id: str, status: str, message: Mapping[str, Any]) -> StatusUpdate:
    failure = message.get("failure") or {}
    return StatusUpdate(
        provider=PROVIDER,
        event_id=str(event_id),
        event=status,
        status=STATUSES[status],
        occurred_at=_when(message),
        recipient=_phone(message),
        provider_message_id=str(message.get("id") or "") or None,
        detail=failure.get("reason") if isinstance(failure, dict) else str(failure),
    )


def inbound(event_id: str, message: Mapping[str, Any]) -> InboundMessage:
    content = message.get("message_content") or {}
    text = str(content.get("text") or content.get("caption") or f"[{message.get('message_type', 'message')}]")
    return InboundMessage(
        provider=PROVIDER,
        event_id=str(event_id),
        channel="whatsapp",
        sender=_phone(message),
        sender_name=str(message.get("user_name") or ""),
        text=text,
        received_at=_when(message),
    )
