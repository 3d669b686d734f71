"""Admin user management: GET/POST /admin/users and GET/PUT/DELETE /admin/users/{user_id}."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.auth import account, audit, identities, one_time_tokens, sessions, users
from devstack.gateway.auth.addresses import valid_email
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.durations import parse_go_duration
from devstack.gateway.auth.errors import AuthApiError, user_not_found, validation_failed
from devstack.gateway.auth.pagination import link_headers, page_params
from devstack.gateway.auth.passwords import check_strength, hash_password, is_bcrypt_hash, random_password
from devstack.gateway.auth.requests import client_ip, object_field, read_json, text_field
from devstack.gateway.auth.responses import json_response
from devstack.gateway.auth.runtime import AuthRuntime, runtime
from devstack.gateway.auth.tokens import admin_claims
from devstack.gateway.auth.user_json import user_json

DUPLICATE_EMAIL = "A user with this email address has already been registered"


def email_exists() -> AuthApiError:
    return AuthApiError(422, "email_exists", DUPLICATE_EMAIL)


def _ban(body: dict[str, Any]) -> dict[str, Any]:
    """The banned_until column a ban_duration asks for ("none" lifts a ban); {} when not asked."""
    duration = text_field(body, "ban_duration")
    if not duration:
        return {}
    if duration == "none":
        return {"banned_until": None}
    try:
        return {"banned_until": datetime.now(UTC) + parse_go_duration(duration)}
    except ValueError as error:
        raise validation_failed(f"invalid format for ban duration: {error}") from error


def _no_phone(body: dict[str, Any]) -> None:
    if text_field(body, "phone"):
        raise AuthApiError(422, "phone_provider_disabled", "Phone logins are disabled")


async def _target(rt: AuthRuntime, conn: Connection, request: Request) -> dict[str, Any]:
    """The user named in the path. Raises 404 `validation_failed` / `user_not_found`."""
    try:
        user_id = uuid.UUID(request.path_params["user_id"])
    except ValueError as error:
        raise AuthApiError(404, "validation_failed", "user_id must be an UUID") from error
    user = await users.by_id(conn, user_id)
    if user is None:
        raise user_not_found()
    return user


def _traits(user: dict[str, Any]) -> dict[str, Any]:
    return {"user_id": str(user["id"]), "user_email": user["email"], "user_phone": user["phone"] or ""}


async def list_users(request: Request) -> Response:
    rt = runtime(request)
    admin_claims(request, rt.settings)
    page, per_page = page_params(request)
    async with rt.transaction() as conn:
        rows, total = await users.list_page(
            conn, rt.settings.jwt_aud, page, per_page, request.query_params.get("filter", "")
        )
    body = {"users": [user_json(row) for row in rows], "aud": rt.settings.jwt_aud}
    return json_response(request, body, headers=link_headers(request, "/admin/users", page, per_page, total))


async def get_user(request: Request) -> Response:
    rt = runtime(request)
    admin_claims(request, rt.settings)
    async with rt.transaction() as conn:
        return json_response(request, user_json(await _target(rt, conn, request)))


async def _new_password(body: dict[str, Any]) -> str:
    """The hash a new user gets: of `password`, the given `password_hash`, or of a random one."""
    password, password_hash = text_field(body, "password"), text_field(body, "password_hash")
    if password and password_hash:
        raise validation_failed("Only a password or a password hash should be provided")
    if password_hash:
        if not is_bcrypt_hash(password_hash):
            raise validation_failed("Invalid password hash format: only bcrypt hashes are supported")
        return password_hash
    return await hash_password(password or random_password())


def _chosen_id(body: dict[str, Any]) -> dict[str, Any]:
    raw = text_field(body, "id")
    if not raw:
        return {}
    try:
        chosen = uuid.UUID(raw)
    except ValueError as error:
        raise validation_failed("ID must conform to the uuid v4 format") from error
    if chosen.int == 0:
        raise validation_failed("ID cannot be a nil uuid")
    return {"id": chosen}


def _creation(rt: AuthRuntime, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The address and the columns (aud, role, a chosen id) of a user to create."""
    _no_phone(body)
    if not text_field(body, "email"):
        raise validation_failed("Cannot create a user without either an email or phone")
    columns = {
        "aud": text_field(body, "aud") or rt.settings.jwt_aud,
        "role": text_field(body, "role") or rt.settings.default_role,
        **_chosen_id(body),
    }
    return valid_email(text_field(body, "email")), columns


async def create_user(request: Request) -> Response:
    rt = runtime(request)
    claims = admin_claims(request, rt.settings)
    body = await read_json(request)
    (email, columns), ban = _creation(rt, body), _ban(body)
    encrypted = await _new_password(body)
    async with rt.transaction() as conn:
        if await users.by_email(conn, email, columns["aud"]) is not None:
            raise email_exists()
        user_id = await account.create_email_user(
            conn, rt.settings, email, encrypted, user_metadata={}, **columns
        )
        user = await users.reload(conn, user_id)
        await audit.record(
            conn, "user_signedup", audit.actor_of(None, claims), client_ip(request), _traits(user)
        )
        await _apply_attributes(conn, user, body, ban)
        return json_response(request, user_json(await users.reload(conn, user_id)))


async def _apply_attributes(
    conn: Connection, user: dict[str, Any], body: dict[str, Any], ban: dict[str, Any]
) -> None:
    """The attributes create and update share: confirmation, metadata and a ban."""
    if body.get("email_confirm") is True and user["email_confirmed_at"] is None:
        await account.confirm(conn, user["id"])
    for key, column in (("app_metadata", "raw_app_meta_data"), ("user_metadata", "raw_user_meta_data")):
        updates = object_field(body, key)
        if updates is not None:
            await users.update(conn, user["id"], **{column: users.merge_json(column, updates)})
    if ban:
        await users.update(conn, user["id"], **ban)


async def update_user(request: Request) -> Response:
    rt = runtime(request)
    claims = admin_claims(request, rt.settings)
    body = await read_json(request)
    _no_phone(body)
    ban, password = _ban(body), text_field(body, "password")
    if password:
        check_strength(password, rt.settings.password_min_length)
    encrypted = await hash_password(password) if password else None
    async with rt.transaction() as conn:
        user = await _target(rt, conn, request)
        await _change_sign_in(rt, conn, user, body, encrypted)
        await _apply_attributes(conn, user, body, ban)
        await audit.record(
            conn, "user_modified", audit.actor_of(None, claims), client_ip(request), _traits(user)
        )
        return json_response(request, user_json(await users.reload(conn, user["id"])))


async def _change_sign_in(
    rt: AuthRuntime, conn: Connection, user: dict[str, Any], body: dict[str, Any], encrypted: str | None
) -> None:
    """Role, password (ending every session) and address, each when given."""
    if text_field(body, "role"):
        await users.update(conn, user["id"], role=text_field(body, "role").strip())
    if encrypted is not None:
        await account.set_password(conn, user["id"], encrypted, keep=None)
    if text_field(body, "email"):
        email = valid_email(text_field(body, "email"))
        await _set_email(rt, conn, user, email, body.get("email_confirm") is True)


async def _set_email(
    rt: AuthRuntime, conn: Connection, user: dict[str, Any], email: str, confirmed: bool
) -> None:
    existing = await users.by_email(conn, email, rt.settings.jwt_aud)
    if existing is not None and existing["id"] != user["id"]:
        raise email_exists()
    await identities.update_data(conn, user["id"], "email", {"email": email, "email_verified": confirmed})
    await users.update(
        conn, user["id"], email=email, is_anonymous=False if confirmed else user["is_anonymous"]
    )


async def delete_user(request: Request) -> Response:
    rt = runtime(request)
    claims = admin_claims(request, rt.settings)
    soft = (await read_json(request)).get("should_soft_delete") is True
    async with rt.transaction() as conn:
        user = await _target(rt, conn, request)
        await audit.record(
            conn, "user_deleted", audit.actor_of(None, claims), client_ip(request), _traits(user)
        )
        if not soft:
            await conn.execute("delete from auth.users where id = %s", (user["id"],))
        elif user["deleted_at"] is None:
            await _soft_delete(conn, user)
    return json_response(request, {})


async def _soft_delete(conn: Connection, user: dict[str, Any]) -> None:
    """GoTrue's soft deletion: the row stays, with its addresses hashed and its secrets gone."""
    hidden = {name: users.obfuscated(user["id"], user[name] or "") for name in ("email", "email_change")}
    hidden.update(
        {name: users.obfuscated(user["id"], user[name] or "")[:15] for name in ("phone", "phone_change")}
    )
    await users.update(
        conn,
        user["id"],
        **hidden,
        encrypted_password=None,
        deleted_at=users.NOW,
        raw_user_meta_data={},
        raw_app_meta_data={},
        phone_change_token="",
        **dict.fromkeys(users.TOKEN_COLUMNS, ""),
    )
    await one_time_tokens.clear(conn, user["id"])
    await identities.obfuscate(conn, user["id"])
    await sessions.end(conn, user["id"], "global", None)
