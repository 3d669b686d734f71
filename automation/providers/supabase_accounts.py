"""Student accounts through Supabase Auth's admin API (GoTrue): invite by email, role in app_metadata."""

from __future__ import annotations

import json
from typing import Any

from automation.providers.errors import ProviderAPIError
from automation.providers.http import ProviderSession, json_object

PROVIDER = "supabase_auth"
AUTH_PATH = "/auth/v1"
# GoTrue's answer when inviting an address that already has a confirmed account.
ALREADY_REGISTERED = (422, "email_exists")


class SupabaseAccounts:
    """`base_url` is SUPABASE_URL; every call carries the service role key (never sent to a browser)."""

    def __init__(self, base_url: str, service_role_key: str, redirect_to: str | None = None) -> None:
        self.session = ProviderSession(PROVIDER, base_url)
        self.session.headers.update(
            {"apikey": service_role_key, "Authorization": f"Bearer {service_role_key}"}
        )
        self.redirect_to = redirect_to

    def invite_student(self, email: str, full_name: str) -> str | None:
        """Invite `email` (Auth mails the link to set a password) and give the account the student role;
        returns the new user's id, or None when the address already has a confirmed account.
        Raises ProviderError otherwise."""
        params = {"redirect_to": self.redirect_to} if self.redirect_to else {}
        body = {"email": email, "data": {"full_name": full_name}}
        try:
            response = self.session.call("POST", f"{AUTH_PATH}/invite", json=body, params=params)
        except ProviderAPIError as error:
            if (error.status, _error_code(error.body)) == ALREADY_REGISTERED:
                return None
            raise
        user: dict[str, Any] = json_object(PROVIDER, response)
        self.session.call(
            "PUT", f"{AUTH_PATH}/admin/users/{user['id']}", json={"app_metadata": {"role": "student"}}
        )
        return str(user["id"])


def _error_code(body: str) -> str | None:
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    return parsed.get("error_code") or parsed.get("code") if isinstance(parsed, dict) else None
