"""Email codes and link tokens: the OTP a person types, its hash in the link, auth.one_time_tokens rows."""

from __future__ import annotations

import hashlib
import secrets
import uuid

from devstack.gateway.auth.db import Connection

PKCE_PREFIX = "pkce_"


def new_otp(length: int) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(length))


def token_hash(address: str, otp: str) -> str:
    """What links carry and the users columns store: hex SHA-224 of the address followed by the code."""
    return hashlib.sha224(f"{address}{otp}".encode()).hexdigest()


def flow_token(hashed: str, pkce: bool) -> str:
    """PKCE flows mark their tokens, so that the link's redirect carries an auth code instead of a session."""
    return PKCE_PREFIX + hashed if pkce else hashed


async def store(conn: Connection, user_id: uuid.UUID, token_type: str, relates_to: str, hashed: str) -> None:
    """One pending token per user and type: a new one replaces the old."""
    await conn.execute(
        "delete from auth.one_time_tokens where user_id = %s and token_type = %s", (user_id, token_type)
    )
    await conn.execute(
        "insert into auth.one_time_tokens"
        " (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)"
        " values (%s, %s, %s, %s, %s, now(), now())",
        (uuid.uuid4(), user_id, token_type, hashed, relates_to),
    )


async def clear(conn: Connection, user_id: uuid.UUID, token_type: str | None = None) -> None:
    if token_type is None:
        await conn.execute("delete from auth.one_time_tokens where user_id = %s", (user_id,))
    else:
        await conn.execute(
            "delete from auth.one_time_tokens where user_id = %s and token_type = %s", (user_id, token_type)
        )
