"""auth.sessions, auth.refresh_tokens and auth.mfa_amr_claims rows, as GoTrue writes them."""

from __future__ import annotations

import secrets
import string
import uuid
from typing import Any

from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.users import NIL_UUID

_TOKEN_ALPHABET = string.ascii_lowercase + string.digits
_SESSION = "select * from auth.sessions where id = %s"
_SESSION_FOR_UPDATE = _SESSION + " for update"


def _refresh_token() -> str:
    """GoTrue's legacy refresh token format: 12 random lowercase letters and digits."""
    return "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(12))


async def create(conn: Connection, user_id: uuid.UUID, user_agent: str | None, ip: str | None) -> uuid.UUID:
    session_id = uuid.uuid4()
    await conn.execute(
        "insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)"
        " values (%s, %s, now(), now(), 'aal1', %s, %s)",
        (session_id, user_id, user_agent or None, ip or None),
    )
    return session_id


async def find(conn: Connection, session_id: uuid.UUID | str, lock: bool = False) -> dict[str, Any] | None:
    query = _SESSION_FOR_UPDATE if lock else _SESSION
    return await (await conn.execute(query, (session_id,))).fetchone()


async def touch(conn: Connection, session_id: uuid.UUID, user_agent: str | None, ip: str | None) -> None:
    """Record a refresh: when, and from which client."""
    await conn.execute(
        "update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now(),"
        " user_agent = %s, ip = %s where id = %s",
        (user_agent or None, ip or None, session_id),
    )


async def new_refresh_token(
    conn: Connection, user_id: uuid.UUID, session_id: uuid.UUID, parent: str | None = None
) -> str:
    token = _refresh_token()
    await conn.execute(
        "insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at,"
        " parent, session_id) values (%s, %s, %s, false, now(), now(), %s, %s)",
        (NIL_UUID, token, str(user_id), parent, session_id),
    )
    return token


async def add_amr_claim(conn: Connection, session_id: uuid.UUID, method: str) -> None:
    """Record how the session was authenticated (an `amr` entry); a repeated method is re-stamped."""
    await conn.execute(
        "insert into auth.mfa_amr_claims (id, session_id, authentication_method, created_at, updated_at)"
        " values (%s, %s, %s, now(), now()) on conflict on constraint"
        " mfa_amr_claims_session_id_authentication_method_pkey do update set updated_at = now()",
        (uuid.uuid4(), session_id, method),
    )


async def amr(conn: Connection, session_id: uuid.UUID) -> list[dict[str, Any]]:
    """The `amr` claim: each method with its unix time, latest first."""
    found = await conn.execute(
        "select authentication_method as method, extract(epoch from updated_at)::bigint as timestamp"
        " from auth.mfa_amr_claims where session_id = %s order by updated_at desc",
        (session_id,),
    )
    return [dict(row) for row in await found.fetchall()]


async def end(conn: Connection, user_id: uuid.UUID, scope: str, current: uuid.UUID | None) -> None:
    """Log out: `global` ends every session of the user, `local` this one, `others` all but this one."""
    if scope == "global" or current is None:
        await conn.execute("delete from auth.sessions where user_id = %s", (user_id,))
    elif scope == "local":
        await conn.execute("delete from auth.sessions where id = %s", (current,))
    else:
        await conn.execute("delete from auth.sessions where user_id = %s and id <> %s", (user_id, current))
