"""A row in doubt whose earlier attempt the provider accepted (gate.Found): recorded, not sent again."""

from __future__ import annotations

from dataclasses import dataclass, replace

from automation.app_links import AppLinks
from automation.outbox.registry import Sent
from automation.providers.ports import Accepted, Call, CallExecution, Email, WhatsAppTemplate

FOUND = "an earlier attempt was accepted: found in the provider's events, not sent again"


@dataclass(frozen=True)
class AcceptedEarlier:
    """Stands in for the providers when a row is found sent: the row's own handler builds its record as for
    a send and gets the provider's id from the evidence instead of sending. Only email and calls are ever
    found (their providers' events name our message id); a WhatsApp message is recorded so only with no id
    (accepted_unread.AcceptedUnread). `links`: the web app's pages, for a message rendered now."""

    provider_message_id: str | None
    links: AppLinks

    @property
    def email(self) -> AcceptedEarlier:
        return self

    @property
    def whatsapp(self) -> AcceptedEarlier:
        return self

    @property
    def voice(self) -> AcceptedEarlier:
        return self

    def send_email(self, _email: Email) -> Accepted:
        return Accepted(self.provider_message_id)  # type: ignore[arg-type]  # None: the provider named none

    def send_template(self, _message: WhatsAppTemplate) -> Accepted:
        return Accepted(self.provider_message_id)  # type: ignore[arg-type]

    def start_call(self, _call: Call) -> CallExecution:
        return CallExecution(self.provider_message_id, "queued")  # type: ignore[arg-type]

    def noted(self, sent: Sent) -> Sent:
        """`sent` with its outbox result saying that nothing went this time."""
        return replace(sent, result={**sent.result, "found": FOUND})
