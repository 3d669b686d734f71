"""The web app's pages that emails and Auth send people to, from the deployment's WEB_APP_URL."""

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
