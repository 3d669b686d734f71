"""The capabilities business code needs from providers, one small Protocol each, with their value types."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str  # e.g. "text/calendar; method=REQUEST" for an invite, "application/pdf"
    inline_id: str | None = None  # content id, for an image shown inside the HTML


@dataclass(frozen=True)
class Email:
    """One email to one recipient. `message_id` is ours: provider events carry it back."""

    message_id: str
    to_email: str
    to_name: str
    subject: str
    text: str
    html: str | None = None
    categories: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Accepted:
    """The provider took the message; its id correlates later status events."""

    provider_message_id: str


class EmailSender(Protocol):
    def send_email(self, email: Email) -> Accepted:
        """Hand the email to the provider; raises ProviderError (see providers.errors)."""
        ...


@dataclass(frozen=True)
class Media:
    url: str  # must be publicly reachable
    filename: str


@dataclass(frozen=True)
class WhatsAppTemplate:
    """An approved template (an AiSensy API campaign) with its parameters, in order."""

    message_id: str
    phone: str  # E.164
    name: str
    campaign: str
    params: tuple[str, ...] = ()
    media: Media | None = None


class WhatsAppSender(Protocol):
    def send_template(self, message: WhatsAppTemplate) -> Accepted:
        """Hand the template message to the provider; raises ProviderError."""
        ...


@dataclass(frozen=True)
class Call:
    """An AI call. `user_data` fills the agent's prompt variables; `message_id` is ours."""

    message_id: str
    phone: str  # E.164
    user_data: Mapping[str, Any] = field(default_factory=dict)
    scheduled_at: datetime | None = None  # timezone-aware


@dataclass(frozen=True)
class CallExecution:
    """What the provider knows about a call; the final figures only once `status` is "completed"."""

    execution_id: str
    status: str  # the provider's own status word
    duration_seconds: float = 0.0
    transcript: str | None = None
    recording_url: str | None = None
    extracted_data: Mapping[str, Any] = field(default_factory=dict)
    hangup_reason: str | None = None
    error_message: str | None = None
    user_data: Mapping[str, Any] = field(default_factory=dict)


class VoiceCaller(Protocol):
    def start_call(self, call: Call) -> CallExecution:
        """Queue the call; raises ProviderError."""
        ...

    def get_execution(self, execution_id: str) -> CallExecution:
        """The call's current state; raises ProviderError."""
        ...
