"""Where a clicked email link sends the browser: a session in the fragment, a PKCE code, or an error."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from devstack.gateway.auth.errors import AuthApiError

# GoTrue's oauthErrorMap: the OAuth `error` name for an HTTP status.
OAUTH_ERRORS = {
    400: "invalid_request",
    401: "unauthorized_client",
    403: "access_denied",
    500: "server_error",
    503: "temporarily_unavailable",
}


def _encode(pairs: list[tuple[str, str]]) -> str:
    """Go's url.Values.Encode: keys sorted, values in order, spaces as `+`."""
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def _rebuild(url: str, query: str, fragment: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, fragment))


def _set(pairs: list[tuple[str, str]], values: dict[str, str]) -> list[tuple[str, str]]:
    return [pair for pair in pairs if pair[0] not in values] + list(values.items())


def session_redirect(url: str, session: dict[str, Any], link_type: str) -> str:
    """The implicit flow: the session travels in the fragment (tokens.AsRedirectURL)."""
    values = {
        "access_token": session["access_token"],
        "expires_at": str(session["expires_at"]),
        "expires_in": str(session["expires_in"]),
        "refresh_token": session["refresh_token"],
        "sb": "",
        "token_type": session["token_type"],
        "type": link_type,
    }
    return f"{url}#{_encode(list(values.items()))}"


def code_redirect(url: str, code: str) -> str:
    """The PKCE flow: `?code=<auth code>` added to the target's own query."""
    query = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    return _rebuild(url, _encode(_set(query, {"code": code})), urlsplit(url).fragment)


def message_redirect(url: str, message: str, pkce: bool) -> str:
    """A step that needs another (the other half of a secure email change): a message, no session."""
    query = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    if pkce:
        query = _set(query, {"message": message})
    return _rebuild(url, _encode(query), _encode([("message", message)]))


def error_redirect(url: str, error: AuthApiError, pkce: bool) -> str:
    """A failed link: error, error_code and error_description in the fragment (and query for PKCE)."""
    values = {"error_code": error.code, "error_description": error.message}
    if error.status in OAUTH_ERRORS:
        values["error"] = OAUTH_ERRORS[error.status]
    parts = urlsplit(url)
    query = parts.query
    if pkce:
        query = _encode(_set(parse_qsl(parts.query, keep_blank_values=True), values))
    return _rebuild(url, query, _encode(list(values.items())))
