"""Run SQL as an API role with given JWT claims, the way PostgREST does, so RLS really applies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest


@contextmanager
def acting_as(
    conn: psycopg.Connection, role: str, claims: dict[str, Any] | None = None
) -> Iterator[psycopg.Connection]:
    """Inside a savepoint: `set_config('role')` plus `request.jwt.claims` (with `role`), both local.

    An error inside rolls back to the savepoint, which also restores the caller's role.
    """
    full_claims = {"role": role, **(claims or {})}
    with conn.transaction():
        conn.execute(
            "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true)",
            (role, json.dumps(full_claims)),
        )
        yield conn
        conn.execute("reset role")
        conn.execute("select set_config('request.jwt.claims', '', true)")


def user_claims(user_id: str, email: str | None = None, **extra: Any) -> dict[str, Any]:
    """Claims of a signed-in user, shaped like Supabase Auth's access token."""
    claims: dict[str, Any] = {"sub": str(user_id), "aud": "authenticated", "aal": "aal1", **extra}
    if email:
        claims["email"] = email
    return claims


@contextmanager
def refused(
    conn: psycopg.Connection,
    error: type[psycopg.Error] = psycopg.errors.InsufficientPrivilege,
    match: str | None = None,
) -> Iterator[None]:
    """Expect the block to fail with `error`, inside a savepoint so the test can go on."""
    with pytest.raises(error, match=match), conn.transaction():
        yield
