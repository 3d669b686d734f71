"""auth.users rows, read and written the way GoTrue does (instance_id is always the nil UUID)."""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from devstack.gateway.auth.db import Connection

NIL_UUID = uuid.UUID(int=0)
NOW = sql.SQL("now()")
# Columns that hold a pending email token; looked up by value when a link or code comes back.
TOKEN_COLUMNS = frozenset(
    {"confirmation_token", "recovery_token", "email_change_token_current", "email_change_token_new"}
)
_IDENTITIES = "select * from auth.identities where user_id = %s order by created_at, id"


async def _with_identities(conn: Connection, row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is not None:
        row["identities"] = await (await conn.execute(_IDENTITIES, (row["id"],))).fetchall()
    return row


async def _find(conn: Connection, condition: sql.Composable, params: tuple) -> dict[str, Any] | None:
    query = sql.SQL("select * from auth.users where instance_id = %s and ") + condition + sql.SQL(" limit 1")
    found = await conn.execute(query, (NIL_UUID, *params))
    return await _with_identities(conn, await found.fetchone())


async def by_id(conn: Connection, user_id: uuid.UUID | str) -> dict[str, Any] | None:
    return await _find(conn, sql.SQL("id = %s"), (user_id,))


async def reload(conn: Connection, user_id: uuid.UUID | str) -> dict[str, Any]:
    """A user this transaction has just written or read (so it exists), with its latest values."""
    user = await by_id(conn, user_id)
    if user is None:
        raise LookupError(f"user {user_id} is gone within its own transaction")
    return user


async def by_email(conn: Connection, email: str, aud: str) -> dict[str, Any] | None:
    condition = sql.SQL("lower(email) = lower(%s) and aud = %s and is_sso_user = false")
    return await _find(conn, condition, (email, aud))


async def by_token(conn: Connection, column: str, token: str) -> dict[str, Any] | None:
    """The user whose pending `column` token is `token` (GoTrue also accepts it without `pkce_`)."""
    if column not in TOKEN_COLUMNS:
        raise ValueError(f"not a token column: {column}")
    condition = sql.SQL("({col} = %s or {col} = 'pkce_' || %s) and is_sso_user = false").format(
        col=sql.Identifier(column)
    )
    return await _find(conn, condition, (token, token))


async def for_email_change(conn: Connection, email: str, token_hash: str) -> dict[str, Any] | None:
    """The user changing email whose current or new address received this code (FindUserForEmailChange)."""
    condition = sql.SQL(
        "is_sso_user = false and ("
        "(lower(email) = lower(%(email)s)"
        " and email_change_token_current in (%(hash)s::text, 'pkce_' || %(hash)s::text))"
        " or (lower(email_change) = lower(%(email)s)"
        " and email_change_token_new in (%(hash)s::text, 'pkce_' || %(hash)s::text)))"
    )
    query = sql.SQL("select * from auth.users where ") + condition + sql.SQL(" limit 1")
    found = await conn.execute(query, {"email": email, "hash": token_hash})
    return await _with_identities(conn, await found.fetchone())


def _assignments(fields: dict[str, Any]) -> sql.Composable:
    return sql.SQL(", ").join(
        sql.SQL("{} = {}").format(
            sql.Identifier(column),
            value if isinstance(value, sql.Composable) else sql.Placeholder(column),
        )
        for column, value in fields.items()
    )


def _params(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        column: Jsonb(value) if isinstance(value, dict | list) else value
        for column, value in fields.items()
        if not isinstance(value, sql.Composable)
    }


async def update(conn: Connection, user_id: uuid.UUID | str, **fields: Any) -> None:
    """Set columns of one user (values may be NOW) and bump updated_at."""
    query = sql.SQL("update auth.users set {}, updated_at = now() where id = {}").format(
        _assignments(fields), sql.Placeholder("user_id__")
    )
    await conn.execute(query, {**_params(fields), "user_id__": user_id})


async def insert(conn: Connection, **fields: Any) -> uuid.UUID:
    """A new user with GoTrue's empty-string token columns; returns its id."""
    row = {
        "instance_id": NIL_UUID,
        "id": fields.pop("id", None) or uuid.uuid4(),
        "confirmation_token": "",
        "recovery_token": "",
        "email_change_token_new": "",
        "email_change": "",
        "created_at": NOW,
        "updated_at": NOW,
        **fields,
    }
    query = sql.SQL("insert into auth.users ({}) values ({})").format(
        sql.SQL(", ").join(map(sql.Identifier, row)),
        sql.SQL(", ").join(
            v if isinstance(v, sql.Composable) else sql.Placeholder(k) for k, v in row.items()
        ),
    )
    await conn.execute(query, _params(row))
    return row["id"]


def obfuscated(user_id: uuid.UUID, value: str) -> str:
    """GoTrue's irreversible stand-in for a soft-deleted user's email, phone or provider id."""
    digest = hashlib.sha256(f"{user_id}{value}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def merge_json(column: str, updates: dict[str, Any]) -> sql.Composable:
    """GoTrue's metadata update as SQL: the keys given are set, keys given as null are removed."""
    kept = {key: value for key, value in updates.items() if value is not None}
    dropped = [key for key, value in updates.items() if value is None]
    return sql.SQL("(coalesce({column}, '{{}}'::jsonb) || {kept}) - {dropped}::text[]").format(
        column=sql.Identifier(column), kept=sql.Literal(Jsonb(kept)), dropped=sql.Literal(dropped)
    )


_SEARCH = sql.SQL(" and (email like %(like)s or raw_user_meta_data ->> 'full_name' ilike %(like)s)")


async def list_page(
    conn: Connection, aud: str, page: int, per_page: int, search: str
) -> tuple[list[dict[str, Any]], int]:
    """One page of the audience's users, newest first, and how many there are in all."""
    where = sql.SQL("instance_id = %(nil)s and aud = %(aud)s") + (_SEARCH if search else sql.SQL(""))
    params = {
        "nil": NIL_UUID,
        "aud": aud,
        "like": f"%{search}%",
        "limit": per_page,
        "offset": (page - 1) * per_page,
    }
    counted = await conn.execute(sql.SQL("select count(*) as n from auth.users where ") + where, params)
    total = (await counted.fetchone() or {"n": 0})["n"]
    order = sql.SQL(" order by created_at desc, id limit %(limit)s offset %(offset)s")
    rows = await (
        await conn.execute(sql.SQL("select * from auth.users where ") + where + order, params)
    ).fetchall()
    identities = await conn.execute(
        "select * from auth.identities where user_id = any(%s) order by created_at, id",
        ([r["id"] for r in rows],),
    )
    by_user: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for identity in await identities.fetchall():
        by_user.setdefault(identity["user_id"], []).append(identity)
    return [{**row, "identities": by_user.get(row["id"], [])} for row in rows], total


def is_banned(user: dict[str, Any]) -> bool:
    return user["banned_until"] is not None and user["banned_until"] > datetime.now(UTC)
