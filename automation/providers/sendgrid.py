"""SendGrid v3 mail send over our ProviderSession, the body built with the `sendgrid` package's helpers."""

from __future__ import annotations

import base64
import re

from sendgrid.helpers.mail import (
    Attachment,
    Category,
    ContentId,
    CustomArg,
    Disposition,
    FileContent,
    FileName,
    FileType,
    From,
    Mail,
    ReplyTo,
    To,
)

from automation.providers import ports
from automation.providers.errors import ProviderAcceptedUnreadable
from automation.providers.http import ProviderSession

PROVIDER = "sendgrid"
API_VERSION = "v3"
SEND_PATH = f"/{API_VERSION}/mail/send"
MESSAGE_ID_ARG = "coachbase_message_id"  # custom arg: SendGrid flattens it into every event
NAME_SEPARATORS = re.compile(r"\s*[;,]+\s*")


class SendGridEmail:
    """EmailSender for SendGrid."""

    def __init__(
        self, session: ProviderSession, api_key: str, from_email: str, from_name: str, reply_to: str | None
    ) -> None:
        self.session = session
        self.session.headers["Authorization"] = f"Bearer {api_key}"
        self.sender = From(from_email, display_name(from_name))
        self.reply_to = reply_to

    def send_email(self, email: ports.Email) -> ports.Accepted:
        """202 with X-Message-Id, or a ProviderAPIError (401/403/400 final, 429/5xx retryable). A success
        without the header most likely queued the email: ProviderAcceptedUnreadable (decision 0695)."""
        response = self.session.call("POST", SEND_PATH, json=self.body(email))
        message_id = response.headers.get("X-Message-Id")
        if not message_id:
            raise ProviderAcceptedUnreadable(PROVIDER, response.status_code, "an X-Message-Id", response.text)
        return ports.Accepted(provider_message_id=message_id)

    def body(self, email: ports.Email) -> dict[str, object]:
        """The v3 mail send JSON: text before HTML, our message id as a custom arg."""
        mail = Mail(
            from_email=self.sender,
            to_emails=To(email.to_email, display_name(email.to_name)),
            subject=email.subject,
            plain_text_content=email.text,
            html_content=email.html,
        )
        if self.reply_to:
            mail.reply_to = ReplyTo(self.reply_to)
        mail.custom_arg = CustomArg(MESSAGE_ID_ARG, email.message_id)
        for name in email.categories:
            mail.category = Category(name)
        for attachment in email.attachments:
            mail.attachment = sendgrid_attachment(attachment)
        return mail.get()


def display_name(name: str) -> str | None:
    """The name as SendGrid takes it: it refuses `;` and `,` in a recipient's name (400), so each run of
    them becomes a space ("Kumar, Ravi" → "Kumar Ravi"), which keeps every word of the name; None when
    nothing is left. The sender's name gets the same, so no name we send can be refused for them."""
    return NAME_SEPARATORS.sub(" ", name).strip() or None


def sendgrid_attachment(attachment: ports.Attachment) -> Attachment:
    built = Attachment(
        FileContent(base64.b64encode(attachment.content).decode()),
        FileName(attachment.filename),
        FileType(attachment.mime_type),
        Disposition("inline" if attachment.inline_id else "attachment"),
    )
    if attachment.inline_id:
        built.content_id = ContentId(attachment.inline_id)
    return built
