"""Endpoints that email a link and a code: POST /recover, /otp, /magiclink and /resend."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.auth import account, audit, email_actions, flow_state, users
from devstack.gateway.auth.addresses import valid_email
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.errors import AuthApiError, validation_failed
from devstack.gateway.auth.passwords import hash_password, random_password
from devstack.gateway.auth.requests import (
    client_ip,
    email_field,
    object_field,
    read_json,
    redirect_target,
    text_field,
)
from devstack.gateway.auth.responses import json_response
from devstack.gateway.auth.runtime import AuthRuntime, runtime

RESEND_TYPES = ("signup", "email_change", "sms", "phone_change")


def _email_only(body: dict[str, Any]) -> str:
    """The request's email address; phone numbers are refused (devstack has no SMS provider)."""
    email = email_field(
        body,
        both_message="Only an email address or phone number should be provided.",
        phone_error=AuthApiError(400, "phone_provider_disabled", "Unsupported phone provider"),
    )
    if not email:
        raise validation_failed("An email address is required")
    return valid_email(email)


async def recover(request: Request) -> Response:
    rt = runtime(request)
    body = await read_json(request)
    email, challenge = _email_only(body), flow_state.challenge_from(body)
    async with rt.transaction() as conn:
        user = await users.by_email(conn, email, rt.settings.jwt_aud)
        if user is not None:  # unknown addresses get the same answer, so they cannot be probed
            await audit.record(conn, "user_recovery_requested", audit.actor_of(user), client_ip(request))
            await _send_with_flow(request, rt, conn, user, email_actions.RECOVERY, challenge=challenge)
    return json_response(request, {})


async def otp(request: Request) -> Response:
    body = await read_json(request)
    create_user = body.get("create_user", True) is not False
    return await _magic_link(request, body, create_user)


async def magiclink(request: Request) -> Response:
    return await _magic_link(request, await read_json(request), create_user=True)


async def _magic_link(request: Request, body: dict[str, Any], create_user: bool) -> Response:
    """Email a sign-in link and code; unknown addresses sign up first unless told not to."""
    rt = runtime(request)
    email, challenge = _email_only(body), flow_state.challenge_from(body)
    async with rt.transaction() as conn:
        user = await users.by_email(conn, email, rt.settings.jwt_aud)
        if user is None:
            if not create_user or rt.settings.disable_signup:
                raise AuthApiError(422, "otp_disabled", "Signups not allowed for otp")
            data = object_field(body, "data") or {}
            encrypted = await hash_password(random_password())
            user_id = await account.create_email_user(
                conn, rt.settings, email, encrypted, user_metadata=data, identity_extra=data
            )
            user = await users.reload(conn, user_id)
        if user["email_confirmed_at"] is None and not await _confirm_new(request, rt, conn, user, challenge):
            return json_response(request, {})
        await audit.record(conn, "user_recovery_requested", audit.actor_of(user), client_ip(request))
        await _send_with_flow(request, rt, conn, user, email_actions.MAGIC_LINK, challenge=challenge)
    return json_response(request, {})


async def _confirm_new(
    request: Request,
    rt: AuthRuntime,
    conn: Connection,
    user: dict[str, Any],
    challenge: flow_state.Challenge | None,
) -> bool:
    """An unconfirmed user asking for a link: confirmed now (autoconfirm) or sent the confirmation."""
    actor, ip = audit.actor_of(user), client_ip(request)
    if rt.settings.autoconfirm:
        await audit.record(conn, "user_signedup", actor, ip, {"provider": "email"})
        await account.confirm(conn, user["id"])
        return True
    await audit.record(conn, "user_confirmation_requested", actor, ip, {"provider": "email"})
    await _send_with_flow(request, rt, conn, user, email_actions.CONFIRMATION, challenge=challenge)
    return False


FLOW_METHODS = {"confirmation": "email/signup", "recovery": "recovery", "magic_link": "magiclink"}


async def _send_with_flow(
    request: Request,
    rt: AuthRuntime,
    conn: Connection,
    user: dict[str, Any],
    action: email_actions.EmailAction,
    *,
    challenge: flow_state.Challenge | None,
) -> None:
    """Send `action`'s email; a PKCE client's challenge is kept for the link's auth code."""
    if challenge is not None:
        await flow_state.create(conn, user["id"], FLOW_METHODS[action.template], challenge)
    redirect_to = redirect_target(request, rt.settings)
    await email_actions.send(rt, conn, user, action, redirect_to=redirect_to, pkce=challenge is not None)


async def resend(request: Request) -> Response:
    rt = runtime(request)
    body = await read_json(request)
    kind = text_field(body, "type")
    if kind not in RESEND_TYPES:
        raise validation_failed("Missing one of these types: signup, email_change, sms, phone_change")
    email = _email_only(body)
    async with rt.transaction() as conn:
        user = await users.by_email(conn, email, rt.settings.jwt_aud)
        if user is None:
            return json_response(request, {})
        if kind == "signup" and user["email_confirmed_at"] is None:
            await audit.record(conn, "user_confirmation_requested", audit.actor_of(user), client_ip(request))
            await _send_with_flow(request, rt, conn, user, email_actions.CONFIRMATION, challenge=None)
        elif kind == "email_change" and user["email_change"]:
            redirect_to = redirect_target(request, rt.settings)
            await email_actions.send_email_change(
                rt, conn, user, user["email_change"], redirect_to=redirect_to, pkce=False
            )
    return json_response(request, {})
