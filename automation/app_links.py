"""The web app's pages that emails, WhatsApp messages and Auth send people to, from the deployment's
WEB_APP_URL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppLinks:
    web_app_url: str

    def page(self, path: str) -> str:
        return f"{self.web_app_url.rstrip('/')}{path}"

    @property
    def sign_in(self) -> str:
        return self.page("/sign-in")

    @property
    def accept_invite(self) -> str:
        """Where an invited student sets a password (Auth appends the session)."""
        return self.page("/accept-invite")

    def pay(self, link_id: str) -> str:
        """A payment link's own page (/pay/<its first payment's id>): it opens the provider's checkout, making
        a fresh order when the last one lapsed (decision 0666)."""
        return self.page(f"/pay/{link_id}")
