"""Refresh-token rotation (GoTrue's RefreshTokenGrant for its classic tokens).

Each use revokes the token and issues its child. A revoked token still works when it is the
parent of the session's live token (the client lost the answer: it gets that live token back)
or within the reuse interval; any other reuse revokes the whole family (every token of the
session) and is refused, and that revocation is committed even though the request fails.
"""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request

from devstack.gateway.auth import audit, issuing, sessions, users
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.errors import AuthApiError
from devstack.gateway.auth.requests import client_ip
from devstack.gateway.auth.settings import AuthSettings


def _invalid(code: str, reason: str) -> AuthApiError:
    return AuthApiError(400, code, f"Invalid Refresh Token: {reason}")


async def _swap(conn: Connection, row: dict[str, Any]) -> str:
    await conn.execute(
        "update auth.refresh_tokens set revoked = true, updated_at = now() where id = %s", (row["id"],)
    )
    return await sessions.new_refresh_token(conn, uuid.UUID(row["user_id"]), row["session_id"], row["token"])


async def _next_token(conn: Connection, row: dict[str, Any]) -> str | None:
    """The refresh token to hand out, or None when this reuse revoked the family."""
    if not row["revoked"]:
        return await _swap(conn, row)
    live = await (
        await conn.execute(
            "select token, parent from auth.refresh_tokens where session_id = %s and not revoked"
            " order by id desc limit 1",
            (row["session_id"],),
        )
    ).fetchone()
    if live is not None and live["parent"] == row["token"]:
        return live["token"]
    if row["reuse_expired"]:
        await conn.execute(
            "update auth.refresh_tokens set revoked = true, updated_at = now()"
            " where session_id = %s and not revoked",
            (row["session_id"],),
        )
        return None
    return await _swap(conn, row)


async def _locked_token(conn: Connection, token: str, reuse_interval: int) -> dict[str, Any]:
    found = await conn.execute(
        "select *, updated_at + make_interval(secs => %s) < now() as reuse_expired"
        " from auth.refresh_tokens where token = %s for update",
        (reuse_interval, token),
    )
    row = await found.fetchone()
    if row is None:
        raise _invalid("refresh_token_not_found", "Refresh Token Not Found")
    return row


def already_used() -> AuthApiError:
    return _invalid("refresh_token_already_used", "Already Used")


async def rotate(
    settings: AuthSettings, conn: Connection, request: Request, token: str
) -> dict[str, Any] | None:
    """The new session JSON, or None when this reuse revoked the family (commit, then refuse)."""
    row = await _locked_token(conn, token, settings.refresh_token_reuse_interval)
    user = await users.by_id(conn, row["user_id"])
    if user is None:
        raise _invalid("refresh_token_not_found", "Refresh Token Not Found")
    if users.is_banned(user):
        raise _invalid("user_banned", "User Banned")
    session = await sessions.find(conn, row["session_id"], lock=True) if row["session_id"] else None
    if session is None:
        raise _invalid("session_not_found", "No Valid Session Found")
    issued = await _next_token(conn, row)
    if issued is None:
        return None
    await audit.record(conn, "token_refreshed", audit.actor_of(user), client_ip(request))
    await sessions.touch(conn, session["id"], request.headers.get("user-agent"), client_ip(request))
    return await issuing.session_json(settings, conn, user, session["id"], issued)
