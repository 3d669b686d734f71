"""auth.identities rows: one per sign-in method of a user (here: email), as GoTrue writes them."""

from __future__ import annotations

import uuid
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.users import merge_json, obfuscated


def email_identity_data(
    user_id: uuid.UUID, email: str, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """GoTrue's provider claims for an email identity, plus sign-up data under keys it does not use."""
    data: dict[str, Any] = {
        "sub": str(user_id),
        "email": email,
        "email_verified": False,
        "phone_verified": False,
    }
    return {**(extra or {}), **data}


async def create(conn: Connection, user_id: uuid.UUID, provider: str, data: dict[str, Any]) -> None:
    await conn.execute(
        "insert into auth.identities (id, provider_id, user_id, identity_data, provider,"
        " last_sign_in_at, created_at, updated_at) values (%s, %s, %s, %s, %s, now(), now(), now())",
        (uuid.uuid4(), str(user_id), user_id, Jsonb(data), provider),
    )


async def update_data(conn: Connection, user_id: uuid.UUID, provider: str, updates: dict[str, Any]) -> None:
    """Merge `updates` into identity_data: keys are set, keys given as null are removed."""
    query = sql.SQL(
        "update auth.identities set identity_data = {}, updated_at = now()"
        " where user_id = %s and provider = %s"
    )
    await conn.execute(query.format(merge_json("identity_data", updates)), (user_id, provider))


async def providers(conn: Connection, user_id: uuid.UUID) -> list[str]:
    found = await conn.execute(
        "select provider from auth.identities where user_id = %s group by provider order by min(created_at)",
        (user_id,),
    )
    return [row["provider"] for row in await found.fetchall()]


async def obfuscate(conn: Connection, user_id: uuid.UUID) -> None:
    """Soft deletion: identity data emptied and provider ids hashed, so the address can sign up again."""
    found = await conn.execute(
        "select id, provider, provider_id from auth.identities where user_id = %s", (user_id,)
    )
    for row in await found.fetchall():
        hidden = obfuscated(user_id, f"{row['provider']}:{row['provider_id']}")
        await conn.execute(
            "update auth.identities set identity_data = '{}', provider_id = %s, updated_at = now()"
            " where id = %s",
            (hidden, row["id"]),
        )
