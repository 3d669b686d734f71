"""The signed-in user's own endpoints: GET and PUT /user, POST /logout."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.auth import account, audit, email_actions, flow_state, sessions, users
from devstack.gateway.auth.addresses import valid_email
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.errors import AuthApiError, validation_failed
from devstack.gateway.auth.passwords import check_strength, hash_password, password_matches
from devstack.gateway.auth.requests import client_ip, object_field, read_json, redirect_target, text_field
from devstack.gateway.auth.responses import empty_response, json_response
from devstack.gateway.auth.runtime import AuthRuntime, runtime
from devstack.gateway.auth.tokens import bearer_claims, subject
from devstack.gateway.auth.user_json import user_json

LOGOUT_SCOPES = ("global", "local", "others")


def _session_id(claims: dict[str, Any]) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(claims["session_id"])) if claims.get("session_id") else None
    except ValueError:
        return uuid.UUID(int=0)  # never a session: reported as missing below


async def signed_in(
    rt: AuthRuntime, conn: Connection, request: Request
) -> tuple[dict[str, Any], uuid.UUID | None]:
    """The bearer's user row and session id. Raises 403 `user_not_found` / `session_not_found`."""
    claims = bearer_claims(request, rt.settings)
    user = await users.by_id(conn, subject(claims))
    if user is None:
        raise AuthApiError(403, "user_not_found", "User from sub claim in JWT does not exist")
    session_id = _session_id(claims)
    if session_id is not None and await sessions.find(conn, session_id) is None:
        raise AuthApiError(403, "session_not_found", "Session from session_id claim in JWT does not exist")
    return user, session_id


async def get_user(request: Request) -> Response:
    rt = runtime(request)
    async with rt.transaction() as conn:
        user, _ = await signed_in(rt, conn, request)
    return json_response(request, user_json(user))


async def update_user(request: Request) -> Response:
    rt = runtime(request)
    body = await read_json(request)
    if text_field(body, "phone"):
        raise AuthApiError(422, "phone_provider_disabled", "Phone logins are disabled")
    password = text_field(body, "password")
    if password:
        check_strength(password, rt.settings.password_min_length)
    encrypted = await hash_password(password) if password else None
    async with rt.transaction() as conn:
        user, session_id = await signed_in(rt, conn, request)
        if encrypted is not None:
            await _change_password(
                conn,
                user,
                password=password,
                encrypted=encrypted,
                session_id=session_id,
                ip=client_ip(request),
            )
        await _change_profile(request, rt, conn, user, body)
        await audit.record(conn, "user_modified", audit.actor_of(user), client_ip(request))
        return json_response(request, user_json(await users.reload(conn, user["id"])))


async def _change_profile(
    request: Request, rt: AuthRuntime, conn: Connection, user: dict[str, Any], body: dict[str, Any]
) -> None:
    """Metadata merges; a new address is changed or confirmed by email (see _change_email)."""
    data = object_field(body, "data")
    if data is not None:
        await users.update(conn, user["id"], raw_user_meta_data=users.merge_json("raw_user_meta_data", data))
    email = text_field(body, "email")
    if email and email.lower() != (user["email"] or ""):
        challenge = flow_state.challenge_from(body)
        await _change_email(request, rt, conn, user, email=valid_email(email), challenge=challenge)


async def _change_password(
    conn: Connection,
    user: dict[str, Any],
    *,
    password: str,
    encrypted: str,
    session_id: uuid.UUID | None,
    ip: str,
) -> None:
    if await password_matches(password, user["encrypted_password"]):
        raise AuthApiError(422, "same_password", "New password should be different from the old password.")
    await account.set_password(conn, user["id"], encrypted, keep=session_id)
    await audit.record(conn, "user_updated_password", audit.actor_of(user), ip)


async def _change_email(
    request: Request,
    rt: AuthRuntime,
    conn: Connection,
    user: dict[str, Any],
    *,
    email: str,
    challenge: flow_state.Challenge | None,
) -> None:
    """Autoconfirm changes the address at once; otherwise confirmation emails go out."""
    existing = await users.by_email(conn, email, rt.settings.jwt_aud)
    if existing is not None and existing["id"] != user["id"]:
        raise AuthApiError(422, "email_exists", "A user with this email address has already been registered")
    if rt.settings.autoconfirm:
        await account.apply_email_change(conn, user, email)
        return
    if challenge is not None:
        await flow_state.create(conn, user["id"], "email_change", challenge)
    redirect_to = redirect_target(request, rt.settings)
    await email_actions.send_email_change(
        rt, conn, user, email, redirect_to=redirect_to, pkce=challenge is not None
    )


async def logout(request: Request) -> Response:
    rt = runtime(request)
    scope = request.query_params.get("scope", "global")
    if scope not in LOGOUT_SCOPES:
        raise validation_failed(f'Unsupported logout scope "{scope}"')
    async with rt.transaction() as conn:
        user, session_id = await signed_in(rt, conn, request)
        await audit.record(conn, "logout", audit.actor_of(user), client_ip(request))
        await sessions.end(conn, user["id"], scope, session_id)
    return empty_response(request, 204)
