"""PKCE (auth.flow_state): a code challenge kept at sign-in, an auth code issued at the link click."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from typing import Any

from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.errors import AuthApiError, validation_failed


@dataclass(frozen=True)
class Challenge:
    code_challenge: str
    method: str  # s256 or plain


def challenge_from(body: dict[str, Any]) -> Challenge | None:
    """The PKCE challenge a client sent, if any (GoTrue's validatePKCEParams)."""
    challenge = body.get("code_challenge") or ""
    method = (body.get("code_challenge_method") or "").lower()
    if bool(challenge) != bool(method):
        raise validation_failed("PKCE flow requires code_challenge_method and code_challenge")
    if not challenge:
        return None
    if not 43 <= len(challenge) <= 128:
        raise validation_failed("code challenge has to be between 43 and 128 characters")
    if method not in ("s256", "plain"):
        raise validation_failed(f"unsupported code_challenge method {method!r}")
    return Challenge(challenge, method)


async def create(
    conn: Connection, user_id: uuid.UUID, method: str, challenge: Challenge, provider: str = "email"
) -> None:
    """Remember the challenge for `method` (magiclink, recovery, email/signup, ...)."""
    await conn.execute(
        "insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge,"
        " provider_type, authentication_method, created_at, updated_at)"
        " values (%s, %s, %s, %s, %s, %s, %s, now(), now())",
        (
            uuid.uuid4(),
            user_id,
            str(uuid.uuid4()),
            challenge.method,
            challenge.code_challenge,
            provider,
            method,
        ),
    )


async def issue_auth_code(conn: Connection, user_id: uuid.UUID, method: str) -> str:
    """The auth code of the user's latest flow for `method`, stamped as issued now."""
    found = await conn.execute(
        "update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = ("
        " select id from auth.flow_state where user_id = %s and authentication_method = %s"
        " order by created_at desc limit 1) returning auth_code",
        (user_id, method),
    )
    row = await found.fetchone()
    if row is None:
        raise AuthApiError(400, "flow_state_not_found", "No associated flow state found.")
    return row["auth_code"]


def _verifier_matches(flow: dict[str, Any], verifier: str) -> bool:
    if flow["code_challenge_method"] == "plain":
        expected = verifier
    else:
        expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return hmac.compare_digest(flow["code_challenge"], expected)


async def redeem(conn: Connection, auth_code: str, verifier: str, expiry_seconds: int) -> dict[str, Any]:
    """Exchange an auth code and its verifier for the flow (user_id, authentication_method); one use."""
    found = await conn.execute(
        "select *, coalesce(auth_code_issued_at, created_at) + make_interval(secs => %s) < now() as expired"
        " from auth.flow_state where auth_code = %s for update",
        (expiry_seconds, auth_code),
    )
    flow = await found.fetchone()
    if flow is None or flow["user_id"] is None:
        raise AuthApiError(404, "flow_state_not_found", "invalid flow state, no valid flow state found")
    if flow["expired"]:
        raise AuthApiError(422, "flow_state_expired", "invalid flow state, flow state has expired")
    if not _verifier_matches(flow, verifier):
        raise AuthApiError(
            400, "bad_code_verifier", "code challenge does not match previously saved code verifier"
        )
    await conn.execute("delete from auth.flow_state where id = %s", (flow["id"],))
    return flow
