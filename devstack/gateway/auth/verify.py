"""GET and POST /verify: a clicked email link, a typed code, or a token hash becomes a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from devstack.gateway.auth import account, audit, flow_state, identities, issuing, one_time_tokens, users
from devstack.gateway.auth.addresses import valid_email
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.errors import AuthApiError, validation_failed
from devstack.gateway.auth.passwords import hash_password, random_password
from devstack.gateway.auth.redirects import code_redirect, error_redirect, message_redirect, session_redirect
from devstack.gateway.auth.requests import client_ip, read_json, redirect_target, text_field
from devstack.gateway.auth.responses import json_response
from devstack.gateway.auth.runtime import AuthRuntime, runtime
from devstack.gateway.auth.settings import AuthSettings

HALF_CONFIRMED = "Confirmation link accepted. Please proceed to confirm link sent to the other email"
# The users columns a token of each verification type may sit in.
COLUMNS = {
    "signup": ("confirmation_token",),
    "invite": ("confirmation_token",),
    "recovery": ("recovery_token",),
    "magiclink": ("recovery_token",),
    "email_change": ("email_change_token_current", "email_change_token_new"),
    "email": ("confirmation_token", "recovery_token"),
}
SENT_AT = {
    "confirmation_token": "confirmation_sent_at",
    "recovery_token": "recovery_sent_at",
    "email_change_token_current": "email_change_sent_at",
    "email_change_token_new": "email_change_sent_at",
}
# PKCE flow states are kept under these authentication methods.
FLOW_METHODS = {
    "signup": "email/signup",
    "invite": "invite",
    "recovery": "recovery",
    "magiclink": "magiclink",
    "email_change": "email_change",
}


@dataclass(frozen=True)
class Match:
    user: dict[str, Any]
    column: str
    kind: str  # the verification type; `email` resolves to signup or magiclink


def _resolved(kind: str, column: str) -> str:
    if kind != "email":
        return kind
    return "signup" if column == "confirmation_token" else "magiclink"


def _expired(settings: AuthSettings, user: dict[str, Any], column: str) -> bool:
    sent_at = user[SENT_AT[column]]
    return sent_at is None or sent_at + timedelta(seconds=settings.otp_expiry) < datetime.now(UTC)


def _usable(settings: AuthSettings, user: dict[str, Any] | None, column: str, message: str) -> dict[str, Any]:
    if user is None:
        raise AuthApiError(403, "otp_expired", message)
    if users.is_banned(user):
        raise AuthApiError(403, "user_banned", "User is banned")
    if _expired(settings, user, column):
        raise AuthApiError(403, "otp_expired", message)
    return user


async def by_token_hash(settings: AuthSettings, conn: Connection, kind: str, token: str) -> Match:
    """The user a link's token (or a POSTed token_hash) belongs to."""
    for column in COLUMNS[kind]:
        user = await users.by_token(conn, column, token)
        if user is not None:
            break
    message = "Email link is invalid or has expired"
    return Match(_usable(settings, user, column, message), column, _resolved(kind, column))


async def by_code(settings: AuthSettings, conn: Connection, kind: str, email: str, code: str) -> Match:
    """The user a typed code belongs to: the code hashed with the address it was sent to."""
    hashed = one_time_tokens.token_hash(email, code)
    if kind == "email_change":
        user = await users.for_email_change(conn, email, hashed)
    else:
        user = await users.by_email(conn, email, settings.jwt_aud)
    accepted = (hashed, one_time_tokens.PKCE_PREFIX + hashed)
    columns = [c for c in COLUMNS[kind] if user is not None and user[c] in accepted]
    column = columns[0] if columns else COLUMNS[kind][0]
    user = _usable(settings, user if columns else None, column, "Token has expired or is invalid")
    return Match(user, column, _resolved(kind, column))


async def _accept_signup(conn: Connection, user: dict[str, Any], ip: str) -> None:
    if not user["encrypted_password"] and user["invited_at"] is not None:
        await users.update(conn, user["id"], encrypted_password=await hash_password(random_password()))
    await audit.record(conn, "user_signedup", audit.actor_of(user), ip)
    await account.confirm(conn, user["id"])
    await identities.update_data(conn, user["id"], "email", {"email_verified": True})


async def _accept_recovery(conn: Connection, user: dict[str, Any], ip: str) -> None:
    await users.update(conn, user["id"], recovery_token="")
    await one_time_tokens.clear(conn, user["id"])
    if user["email_confirmed_at"] is None:
        await audit.record(conn, "user_signedup", audit.actor_of(user), ip)
        await account.confirm(conn, user["id"])
    else:
        await audit.record(conn, "login", audit.actor_of(user), ip)


async def _accept_email_change(rt: AuthRuntime, conn: Connection, match: Match, ip: str) -> bool:
    """False when this was the first of two confirmations a secure email change needs."""
    user = match.user
    settings = rt.settings
    first_of_two = settings.secure_email_change and not user["email_change_confirm_status"] and user["email"]
    if first_of_two and not settings.autoconfirm:
        await users.update(conn, user["id"], email_change_confirm_status=1, **{match.column: ""})
        await one_time_tokens.clear(conn, user["id"], match.column)
        return False
    await audit.record(conn, "user_modified", audit.actor_of(user), ip)
    await account.apply_email_change(conn, user, user["email_change"])
    return True


async def accept(rt: AuthRuntime, conn: Connection, request: Request, match: Match) -> bool:
    """Do what the token was for; False when the user must still confirm the other address."""
    ip = client_ip(request)
    if match.kind in ("signup", "invite"):
        await _accept_signup(conn, match.user, ip)
    elif match.kind in ("recovery", "magiclink"):
        await _accept_recovery(conn, match.user, ip)
    elif not await _accept_email_change(rt, conn, match, ip):
        return False
    await account.record_providers(conn, match.user["id"])
    return True


def _post_params(body: dict[str, Any]) -> tuple[str, str, str, str]:
    """(type, token, token_hash, email) of a POST, validated as GoTrue validates them."""
    kind, token, hashed = text_field(body, "type"), text_field(body, "token"), text_field(body, "token_hash")
    email, phone = text_field(body, "email"), text_field(body, "phone")
    if not kind:
        raise validation_failed("Verify requires a verification type")
    if bool(token) == bool(hashed):
        raise validation_failed("Verify requires either a token or a token hash")
    if hashed and (email or phone or text_field(body, "redirect_to")):
        raise validation_failed("Only the token_hash and type should be provided")
    if token and not email:
        raise validation_failed("Only an email address or phone number should be provided on verify")
    if kind not in COLUMNS:
        raise validation_failed("Unsupported verification type")
    return kind, token, hashed, valid_email(email, 422) if token else ""


async def verify_post(request: Request) -> Response:
    rt = runtime(request)
    kind, code, hashed, email = _post_params(await read_json(request))
    async with rt.transaction() as conn:
        if hashed:
            match = await by_token_hash(rt.settings, conn, kind, hashed)
        else:
            match = await by_code(rt.settings, conn, kind, email, code)
        if not await accept(rt, conn, request, match):
            return json_response(request, {"msg": HALF_CONFIRMED, "code": "200"})
        session = await issuing.issue_session(rt.settings, conn, request, match.user["id"], "otp")
        return json_response(request, session)


async def _link_destination(
    request: Request, rt: AuthRuntime, kind: str, token: str, redirect_to: str
) -> str:
    pkce = token.startswith(one_time_tokens.PKCE_PREFIX)
    async with rt.transaction() as conn:
        match = await by_token_hash(rt.settings, conn, kind, token)
        if not await accept(rt, conn, request, match):
            return message_redirect(redirect_to, HALF_CONFIRMED, pkce)
        if pkce:
            code = await flow_state.issue_auth_code(conn, match.user["id"], FLOW_METHODS[match.kind])
            return code_redirect(redirect_to, code)
        session = await issuing.issue_session(rt.settings, conn, request, match.user["id"], "otp")
        return session_redirect(redirect_to, session, match.kind)


async def verify_get(request: Request) -> Response:
    """A link click: 303 to redirect_to with a session, a PKCE code, or the error."""
    rt = runtime(request)
    kind, token = request.query_params.get("type", ""), request.query_params.get("token", "")
    if not kind:
        raise validation_failed("Verify requires a verification type")
    if not token:
        raise validation_failed("Verify requires a token or a token hash")
    redirect_to = redirect_target(request, rt.settings)
    try:
        if kind not in COLUMNS:
            raise validation_failed("Unsupported verification type")
        location = await _link_destination(request, rt, kind, token, redirect_to)
    except AuthApiError as error:
        location = error_redirect(redirect_to, error, token.startswith(one_time_tokens.PKCE_PREFIX))
    return RedirectResponse(location, status_code=303)
