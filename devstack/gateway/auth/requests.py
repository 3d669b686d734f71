"""Reading what an Auth request carries: its JSON body, the client's address, its redirect target."""

from __future__ import annotations

import ipaddress
import json
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request

from devstack.gateway.auth.errors import AuthApiError
from devstack.gateway.auth.settings import AuthSettings


async def read_json(request: Request) -> dict[str, Any]:
    """The body as a JSON object; an empty body counts as `{}`. Raises 400 `bad_json`."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise AuthApiError(400, "bad_json", f"Could not parse request body as JSON: {error}") from error
    if not isinstance(body, dict):
        raise AuthApiError(400, "bad_json", "Could not parse request body as JSON: expected an object")
    return body


def text_field(body: dict[str, Any], name: str) -> str:
    """A string field of the body ('' when absent or null); other types are a 400."""
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AuthApiError(400, "bad_json", f"Could not parse request body as JSON: {name} must be a string")
    return value


def email_field(body: dict[str, Any], *, both_message: str, phone_error: AuthApiError) -> str:
    """The body's email address ('' when absent); a phone number is refused, devstack has no SMS."""
    email, phone = text_field(body, "email"), text_field(body, "phone")
    if email and phone:
        raise AuthApiError(400, "validation_failed", both_message)
    if phone:
        raise phone_error
    return email


def object_field(body: dict[str, Any], name: str) -> dict[str, Any] | None:
    """An object field of the body (None when absent or null); other types are a 400."""
    value = body.get(name)
    if value is not None and not isinstance(value, dict):
        raise AuthApiError(400, "bad_json", f"Could not parse request body as JSON: {name} must be an object")
    return value


def client_ip(request: Request) -> str:
    """The peer's address. The gateway is the edge here (Kong and GoTrue in one), so a client's
    own X-Forwarded-For is not trusted: it would let anyone dodge the per-IP login limit."""
    return request.client.host if request.client else ""


def _is_redirect_allowed(settings: AuthSettings, url: str) -> bool:
    """GoTrue's rule: the site's own host, a loopback address, or a listed pattern."""
    if not url or any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in url):
        return False
    target = urlsplit(url)
    if target.hostname and target.hostname == urlsplit(settings.site_url).hostname:
        return True
    try:
        if ipaddress.ip_address(target.hostname or "").is_loopback:
            return True
    except ValueError:
        pass
    return any(fnmatchcase(url, pattern) for pattern in settings.additional_redirect_urls)


def redirect_target(request: Request, settings: AuthSettings, candidate: str = "") -> str:
    """Where to send the user afterwards: the first allowed of `candidate`, the `redirect_to` query
    parameter and the Referer; else the site URL (GoTrue's GetReferrer)."""
    for url in (candidate, request.query_params.get("redirect_to", ""), request.headers.get("referer", "")):
        if _is_redirect_allowed(settings, url):
            return url
    return settings.site_url
