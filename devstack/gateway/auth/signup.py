"""POST /signup: email and password sign-ups (confirmed at once or by email), and anonymous ones."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.auth import account, audit, email_actions, flow_state, issuing, users
from devstack.gateway.auth.addresses import valid_email
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.errors import AuthApiError, validation_failed
from devstack.gateway.auth.passwords import check_strength, hash_password
from devstack.gateway.auth.requests import client_ip, object_field, read_json, redirect_target, text_field
from devstack.gateway.auth.responses import json_response
from devstack.gateway.auth.runtime import AuthRuntime, runtime
from devstack.gateway.auth.user_json import timestamp, user_json


@dataclass(frozen=True)
class EmailSignup:
    email: str
    encrypted_password: str
    data: dict[str, Any]
    challenge: flow_state.Challenge | None


async def signup(request: Request) -> Response:
    rt = runtime(request)
    if rt.settings.disable_signup:
        raise AuthApiError(422, "signup_disabled", "Signups not allowed for this instance")
    body = await read_json(request)
    email, phone, password = (text_field(body, name) for name in ("email", "phone", "password"))
    data = object_field(body, "data") or {}
    if not email and not phone:
        return await _anonymous(request, rt, data)
    if not password:
        raise validation_failed("Signup requires a valid password")
    check_strength(password, rt.settings.password_min_length)
    if email and phone:
        raise validation_failed("Only an email address or phone number should be provided on signup.")
    challenge = flow_state.challenge_from(body)
    if phone:
        raise AuthApiError(400, "phone_provider_disabled", "Phone signups are disabled")
    details = EmailSignup(valid_email(email), await hash_password(password), data, challenge)
    return await _email_signup(request, rt, details)


async def _email_signup(request: Request, rt: AuthRuntime, details: EmailSignup) -> Response:
    async with rt.transaction() as conn:
        existing = await users.by_email(conn, details.email, rt.settings.jwt_aud)
        if existing is None or existing["email_confirmed_at"] is None:
            return await _register(request, rt, conn, existing, details)
        await audit.record(conn, "user_repeated_signup", audit.actor_of(existing), client_ip(request))
    return _repeated_signup(request, rt, existing, details.data)


async def _register(
    request: Request,
    rt: AuthRuntime,
    conn: Connection,
    existing: dict[str, Any] | None,
    details: EmailSignup,
) -> Response:
    """A new (or still unconfirmed) user: a session when confirmed at once, else the bare user."""
    if existing is None:
        user_id = await account.create_email_user(
            conn,
            rt.settings,
            details.email,
            details.encrypted_password,
            user_metadata=details.data,
            identity_extra=details.data,
        )
    else:
        user_id = existing["id"]  # not updated: nothing proves the caller owns this address yet
    user = await _confirm_or_ask(request, rt, conn, user_id, details.challenge)
    if user["email_confirmed_at"] is None:
        return json_response(request, _unconfirmed_json(user))
    await audit.record(conn, "login", audit.actor_of(user), client_ip(request), {"provider": "email"})
    return json_response(
        request, await issuing.issue_session(rt.settings, conn, request, user_id, "password")
    )


async def _confirm_or_ask(
    request: Request,
    rt: AuthRuntime,
    conn: Connection,
    user_id: uuid.UUID,
    challenge: flow_state.Challenge | None,
) -> dict[str, Any]:
    """Autoconfirm confirms the address now; otherwise a confirmation email goes out."""
    user = await users.reload(conn, user_id)
    actor, ip = audit.actor_of(user), client_ip(request)
    if rt.settings.autoconfirm:
        await audit.record(conn, "user_signedup", actor, ip, {"provider": "email"})
        await account.confirm(conn, user_id)
    else:
        await audit.record(conn, "user_confirmation_requested", actor, ip, {"provider": "email"})
        if challenge is not None:
            await flow_state.create(conn, user_id, "email/signup", challenge)
        await email_actions.send(
            rt,
            conn,
            user,
            email_actions.CONFIRMATION,
            redirect_to=redirect_target(request, rt.settings),
            pkce=challenge is not None,
        )
    return await users.reload(conn, user_id)


def _unconfirmed_json(user: dict[str, Any]) -> dict[str, Any]:
    body = user_json(user)
    if user["invited_at"] is not None:  # an invited user's details stay private until they accept
        body.update(user_metadata={}, identities=[])
    return body


def _repeated_signup(
    request: Request, rt: AuthRuntime, user: dict[str, Any], data: dict[str, Any]
) -> Response:
    """An address already registered: 422 when sign-ups confirm at once, else a look-alike user."""
    if rt.settings.autoconfirm:
        raise AuthApiError(422, "user_already_exists", "User already registered")
    now = timestamp(datetime.now(UTC))
    body = user_json(user)
    for key in ("email_confirmed_at", "confirmed_at", "last_sign_in_at", "email_change_sent_at", "new_email"):
        body.pop(key, None)
    body.update(
        id=str(uuid.uuid4()),
        role="",
        phone="",
        aud=rt.settings.jwt_aud,
        created_at=now,
        updated_at=now,
        confirmation_sent_at=now,
        identities=[],
        user_metadata=data,
        app_metadata=dict(account.EMAIL_APP_METADATA),
    )
    return json_response(request, body)


async def _anonymous(request: Request, rt: AuthRuntime, data: dict[str, Any]) -> Response:
    if not rt.settings.anonymous_sign_ins:
        raise AuthApiError(422, "anonymous_provider_disabled", "Anonymous sign-ins are disabled")
    async with rt.transaction() as conn:
        user_id = await users.insert(
            conn,
            aud=rt.settings.jwt_aud,
            role=rt.settings.default_role,
            raw_app_meta_data={},
            raw_user_meta_data=data,
            is_anonymous=True,
        )
        user = await users.reload(conn, user_id)
        await audit.record(
            conn, "user_signedup", audit.actor_of(user), client_ip(request), {"provider": "anonymous"}
        )
        return json_response(
            request, await issuing.issue_session(rt.settings, conn, request, user_id, "anonymous")
        )
