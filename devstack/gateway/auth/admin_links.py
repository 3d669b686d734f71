"""Admin invitations and links: POST /invite and POST /admin/generate_link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.auth import account, audit, email_actions, one_time_tokens, users
from devstack.gateway.auth.addresses import valid_email
from devstack.gateway.auth.admin_users import email_exists
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.errors import AuthApiError, validation_failed
from devstack.gateway.auth.messages import verify_link
from devstack.gateway.auth.passwords import check_strength, hash_password, random_password
from devstack.gateway.auth.requests import (
    client_ip,
    object_field,
    read_json,
    redirect_target,
    text_field,
)
from devstack.gateway.auth.responses import json_response
from devstack.gateway.auth.runtime import AuthRuntime, runtime
from devstack.gateway.auth.tokens import admin_claims
from devstack.gateway.auth.user_json import user_json


@dataclass(frozen=True)
class LinkOrder:
    """What an admin asked generate_link for, and who asked."""

    kind: str
    email: str
    body: dict[str, Any]
    claims: dict[str, Any]
    ip: str


LINK_ACTIONS = {
    "signup": email_actions.CONFIRMATION,
    "invite": email_actions.INVITE,
    "magiclink": email_actions.MAGIC_LINK,
    "recovery": email_actions.RECOVERY,
}
EMAIL_CHANGE_LINKS = {
    "email_change_current": "email_change_token_current",
    "email_change_new": "email_change_token_new",
}


async def _invitee(
    rt: AuthRuntime, conn: Connection, email: str, data: dict[str, Any], password: str | None = None
) -> dict[str, Any]:
    """The user an invite or sign-up link is for: created when new, refused when already confirmed."""
    user = await users.by_email(conn, email, rt.settings.jwt_aud)
    if user is not None and user["email_confirmed_at"] is not None:
        raise email_exists()
    if user is None:
        user_id = await account.create_email_user(conn, rt.settings, email, password, user_metadata=data)
        user = await users.reload(conn, user_id)
    return user


async def invite(request: Request) -> Response:
    rt = runtime(request)
    claims = admin_claims(request, rt.settings)
    body = await read_json(request)
    email, data = valid_email(text_field(body, "email")), object_field(body, "data") or {}
    async with rt.transaction() as conn:
        user = await _invitee(rt, conn, email, data)
        traits = {"user_id": str(user["id"]), "user_email": email}
        await audit.record(conn, "user_invited", audit.actor_of(None, claims), client_ip(request), traits)
        redirect_to = redirect_target(request, rt.settings)
        await email_actions.send(rt, conn, user, email_actions.INVITE, redirect_to=redirect_to, pkce=False)
        return json_response(request, user_json(await users.reload(conn, user["id"])))


async def generate_link(request: Request) -> Response:
    """Make the link an email would carry, without sending it; the user is created when needed."""
    rt = runtime(request)
    claims = admin_claims(request, rt.settings)
    body = await read_json(request)
    kind, email = text_field(body, "type"), valid_email(text_field(body, "email"))
    redirect_to = redirect_target(request, rt.settings, text_field(body, "redirect_to"))
    async with rt.transaction() as conn:
        user = await users.by_email(conn, email, rt.settings.jwt_aud)
        if user is None and kind == "magiclink":  # GoTrue signs unknown addresses up instead
            kind, body = "signup", {**body, "password": random_password()}
        order = LinkOrder(kind, email, body, claims, client_ip(request))
        user, otp, token = await _stage(rt, conn, user, order)
        link_type = "email_change" if kind in EMAIL_CHANGE_LINKS else LINK_ACTIONS[kind].link_type
        link = verify_link(rt.settings.external_url, token, link_type, redirect_to)
        properties = {"action_link": link, "email_otp": otp, "hashed_token": token}
        properties.update(verification_type=kind, redirect_to=redirect_to)
        return json_response(request, {**user_json(await users.reload(conn, user["id"])), **properties})


async def _stage(
    rt: AuthRuntime, conn: Connection, user: dict[str, Any] | None, order: LinkOrder
) -> tuple[dict[str, Any], str, str]:
    """The link's user, its code and its token, stored as the matching email would store them."""
    if order.kind in LINK_ACTIONS:
        return await _stage_link(rt, conn, user, order)
    if order.kind in EMAIL_CHANGE_LINKS:
        return await _stage_email_change(rt, conn, user, order.kind, order.body)
    raise validation_failed(f"Invalid email action link type requested: {order.kind}")


async def _stage_link(
    rt: AuthRuntime, conn: Connection, user: dict[str, Any] | None, order: LinkOrder
) -> tuple[dict[str, Any], str, str]:
    """Recovery and magic links need the user; invite and sign-up links create it."""
    data = object_field(order.body, "data") or {}
    if order.kind in ("recovery", "magiclink"):
        if user is None:
            raise AuthApiError(404, "user_not_found", "User with this email not found")
        await audit.record(conn, "user_recovery_requested", audit.actor_of(user), order.ip)
    elif order.kind == "invite":
        user = await _invitee(rt, conn, order.email, data)
        traits = {"user_id": str(user["id"]), "user_email": order.email}
        await audit.record(conn, "user_invited", audit.actor_of(None, order.claims), order.ip, traits)
    elif user is None:
        user = await _invitee(rt, conn, order.email, data, await _signup_password(rt, order.body))
    else:
        user = await _invitee(rt, conn, order.email, data)
        await users.update(conn, user["id"], raw_user_meta_data=users.merge_json("raw_user_meta_data", data))
    otp, token = await email_actions.stage_token(rt, conn, user, LINK_ACTIONS[order.kind], pkce=False)
    return user, otp, token


async def _signup_password(rt: AuthRuntime, body: dict[str, Any]) -> str:
    password = text_field(body, "password")
    if not password:
        raise validation_failed("Signup requires a valid password")
    check_strength(password, rt.settings.password_min_length)
    return await hash_password(password)


async def _stage_email_change(
    rt: AuthRuntime, conn: Connection, user: dict[str, Any] | None, kind: str, body: dict[str, Any]
) -> tuple[dict[str, Any], str, str]:
    """A link confirming one side (current or new address) of an email change."""
    if user is None:
        raise AuthApiError(404, "user_not_found", "User with this email not found")
    if kind == "email_change_current" and not rt.settings.secure_email_change:
        raise validation_failed("Enable secure email change to generate link for current email")
    new_email = valid_email(text_field(body, "new_email"))
    existing = await users.by_email(conn, new_email, rt.settings.jwt_aud)
    if existing is not None and existing["id"] != user["id"]:
        raise email_exists()
    otp = one_time_tokens.new_otp(rt.settings.otp_length)
    column = EMAIL_CHANGE_LINKS[kind]
    address = user["email"] if kind == "email_change_current" else new_email
    token = one_time_tokens.token_hash(address, otp)
    await users.update(
        conn,
        user["id"],
        email_change=new_email,
        email_change_sent_at=users.NOW,
        email_change_confirm_status=0,
        **{column: token},
    )
    await one_time_tokens.store(conn, user["id"], column, address, token)
    return user, otp, token
