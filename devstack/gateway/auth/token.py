"""POST /token: the password, refresh_token and pkce grants."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.auth import audit, flow_state, issuing, refresh, users
from devstack.gateway.auth.errors import AuthApiError, OAuthError, WeakPasswordError, validation_failed
from devstack.gateway.auth.passwords import check_strength, password_matches
from devstack.gateway.auth.requests import client_ip, email_field, read_json, text_field
from devstack.gateway.auth.responses import json_response
from devstack.gateway.auth.runtime import AuthRuntime, runtime

INVALID_CREDENTIALS = "Invalid login credentials"


async def token(request: Request) -> Response:
    grants = {"password": _password, "refresh_token": _refresh_token, "pkce": _pkce}
    grant = grants.get(request.query_params.get("grant_type", ""))
    if grant is None:
        raise OAuthError("unsupported_grant_type")
    return await grant(request, runtime(request))


async def _password(request: Request, rt: AuthRuntime) -> Response:
    body = await read_json(request)
    password = text_field(body, "password")
    user = await _authenticated(request, rt, body, password)
    async with rt.transaction() as conn:
        await audit.record(conn, "login", audit.actor_of(user), client_ip(request), {"provider": "email"})
        session = await issuing.issue_session(rt.settings, conn, request, user["id"], "password")
    try:
        check_strength(password, rt.settings.password_min_length)
    except WeakPasswordError as weak:  # signed in, but told the password no longer meets the policy
        session["weak_password"] = {"message": weak.message, "reasons": weak.reasons}
    return json_response(request, session)


async def _authenticated(
    request: Request, rt: AuthRuntime, body: dict[str, Any], password: str
) -> dict[str, Any]:
    """The user whose email and password these are, if allowed in; failures count towards the limits."""
    email = email_field(
        body,
        both_message="Only an email address or phone number should be provided on login.",
        phone_error=AuthApiError(422, "phone_provider_disabled", "Phone logins are disabled"),
    )
    ip = client_ip(request)
    rt.logins.check(email, ip)
    async with rt.transaction() as conn:
        user = await users.by_email(conn, email, rt.settings.jwt_aud) if email else None
    if user is None or not await password_matches(password, user["encrypted_password"]):
        rt.logins.failed(email, ip)
        raise AuthApiError(400, "invalid_credentials", INVALID_CREDENTIALS)
    if users.is_banned(user):
        raise AuthApiError(400, "user_banned", "User is banned")
    if user["email_confirmed_at"] is None:
        raise AuthApiError(400, "email_not_confirmed", "Email not confirmed")
    return user


async def _refresh_token(request: Request, rt: AuthRuntime) -> Response:
    token = text_field(await read_json(request), "refresh_token")
    if not token:
        raise OAuthError("invalid_request", "refresh_token required")
    async with rt.transaction() as conn:
        outcome = await refresh.rotate(rt.settings, conn, request, token)
    if outcome is None:
        raise refresh.already_used()
    return json_response(request, outcome)


async def _pkce(request: Request, rt: AuthRuntime) -> Response:
    body = await read_json(request)
    auth_code, verifier = text_field(body, "auth_code"), text_field(body, "code_verifier")
    if not auth_code or not verifier:
        raise validation_failed("invalid request: both auth code and code verifier should be non-empty")
    async with rt.transaction() as conn:
        flow = await flow_state.redeem(conn, auth_code, verifier, rt.settings.flow_state_expiry)
        user = await users.by_id(conn, flow["user_id"])
        if user is None:
            raise AuthApiError(404, "user_not_found", "User not found")
        await audit.record(
            conn, "login", audit.actor_of(user), client_ip(request), {"provider_type": "email"}
        )
        method = flow["authentication_method"]
        return json_response(
            request, await issuing.issue_session(rt.settings, conn, request, user["id"], method)
        )
