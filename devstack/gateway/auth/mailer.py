"""Send Auth's emails through a SendGrid v3 compatible API (the provider sandbox in devstack)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class MailerSettings:
    api_base: str
    api_key: str
    sender_email: str = "no-reply@coachbase.test"  # the sandbox's verified sender domain
    sender_name: str = "Coachbase"
    timeout_seconds: float = 10.0


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str
    template: str  # confirmation, invite, magic_link, recovery, email_change


class MailerError(Exception):
    """The mail API refused the message or could not be reached."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Mailer:
    """One HTTP client for the mail API, opened with the gateway and closed with it."""

    def __init__(self, settings: MailerSettings) -> None:
        self.settings = settings
        self.client = httpx.AsyncClient(
            base_url=settings.api_base.rstrip("/"),
            headers={"Authorization": f"Bearer {settings.api_key}", "User-Agent": "devstack-auth"},
            timeout=settings.timeout_seconds,
        )

    def body(self, mail: Mail) -> dict[str, object]:
        """The /v3/mail/send body: one recipient, plain text before HTML as SendGrid requires."""
        return {
            "personalizations": [{"to": [{"email": mail.to}]}],
            "from": {"email": self.settings.sender_email, "name": self.settings.sender_name},
            "subject": mail.subject,
            "content": [
                {"type": "text/plain", "value": mail.text},
                {"type": "text/html", "value": mail.html},
            ],
            "categories": ["auth", mail.template],
        }

    async def send(self, mail: Mail) -> str:
        """Hand the message over; returns SendGrid's X-Message-Id. Raises MailerError."""
        try:
            response = await self.client.post("/v3/mail/send", json=self.body(mail))
        except httpx.HTTPError as error:
            raise MailerError(f"mail API unreachable: {error}") from error
        if response.status_code != 202:
            raise MailerError(
                f"mail API answered {response.status_code}: {response.text}", response.status_code
            )
        return response.headers.get("X-Message-Id", "")

    async def close(self) -> None:
        await self.client.aclose()
