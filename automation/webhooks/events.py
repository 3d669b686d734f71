"""What a provider webhook tells us, in our own terms, whichever provider said it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from automation.messages.status import MessageStatus
from automation.providers.ports import CallExecution


class WebhookPayloadError(ValueError):
    """The body is not what the provider sends (answer 400; a verified sender sending junk is a bug)."""


@dataclass(frozen=True)
class StatusUpdate:
    """A delivery event about a message we sent. `status` is None for events that change no status."""

    provider: str
    event_id: str  # unique per provider: the dedupe key in webhook_events
    event: str  # the provider's own word
    status: MessageStatus | None
    occurred_at: datetime
    recipient: str
    provider_message_id: str | None = None
    message_id: str | None = None  # ours, when the provider echoes it back
    detail: str | None = None  # bounce reason, failure reason, clicked URL
    suppression: str | None = None  # "bounce", "spam_report" or "unsubscribe": stop emailing them


@dataclass(frozen=True)
class InboundMessage:
    """A contact wrote to us. Whether they ask to stop or start again is decided on receipt, with the
    center's own opt-out words (automation.workflows.inbound)."""

    provider: str
    event_id: str
    channel: str  # "email" or "whatsapp"
    sender: str  # an email address or an E.164 number
    sender_name: str
    text: str  # the new part of the message, without a quoted earlier message
    received_at: datetime
    subject: str | None = None
    in_reply_to: str | None = None  # the provider message id of our message it answers, when known
    sender_verified: bool = True  # False: the address is only what an email claims (decision 0674)


@dataclass(frozen=True)
class CallUpdate:
    """A call's execution changed."""

    event_id: str
    status: MessageStatus
    disposition: str  # answered, not-answered, no-answer, busy, failed... or the live status word
    execution: CallExecution
    message_id: str | None = None
