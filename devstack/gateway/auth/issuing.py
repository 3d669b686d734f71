"""Signing a user in: a new session, its refresh token and amr claim, and the session JSON (C.3)."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request

from devstack.gateway.auth import sessions, users
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.requests import client_ip
from devstack.gateway.auth.settings import AuthSettings
from devstack.gateway.auth.tokens import sign_access_token
from devstack.gateway.auth.user_json import user_json


async def session_json(
    settings: AuthSettings,
    conn: Connection,
    user: dict[str, Any],
    session_id: uuid.UUID,
    refresh_token: str,
) -> dict[str, Any]:
    """GoTrue's AccessTokenResponse for a session of `user` (a row with identities)."""
    amr = await sessions.amr(conn, session_id)
    access_token, expires_at = sign_access_token(settings, user, session_id, amr)
    return {
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": settings.jwt_expiry,
        "expires_at": expires_at,
        "refresh_token": refresh_token,
        "user": user_json(user),
    }


async def issue_session(
    settings: AuthSettings, conn: Connection, request: Request, user_id: uuid.UUID, method: str
) -> dict[str, Any]:
    """Start a session for the user, authenticated by `method` (password, otp, magiclink, ...)."""
    session_id = await sessions.create(conn, user_id, request.headers.get("user-agent"), client_ip(request))
    refresh_token = await sessions.new_refresh_token(conn, user_id, session_id)
    await sessions.add_amr_claim(conn, session_id, method)
    await users.update(conn, user_id, last_sign_in_at=users.NOW)
    user = await users.reload(conn, user_id)
    return await session_json(settings, conn, user, session_id, refresh_token)
