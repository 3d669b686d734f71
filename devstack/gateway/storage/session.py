"""One request's transaction, scoped as Storage scopes it, with the blobs it published or replaced."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request

from devstack.gateway.database import request_transaction
from devstack.gateway.storage import errors
from devstack.gateway.storage.blobs import BlobStore, version_of
from devstack.gateway.storage.identity import Identity

# The settings Storage adds to PostgREST's (D.1): old per-claim settings, the raw token, the
# route's operation, and its permission to delete rows of storage tables.
STORAGE_SCOPE = """
select set_config('request.jwt', %(token)s, true),
       set_config('request.jwt.claim.role', %(role)s, true),
       set_config('request.jwt.claim.sub', %(sub)s, true),
       set_config('storage.operation', %(operation)s, true),
       set_config('storage.allow_delete_query', 'true', true)
"""


class Session:
    """SQL as the caller (its role and claims, so RLS decides), or as service_role where
    Storage acts as superuser; errors come out as StorageErrors."""

    def __init__(self, conn: psycopg.AsyncConnection, role: str) -> None:
        self._conn = conn
        self._privileged = False
        self._role = role
        self.fresh: list[uuid.UUID] = []  # blobs published here: removed if the transaction fails
        self.obsolete: list[uuid.UUID] = []  # blobs of rows replaced or deleted: removed after commit

    async def fetch(
        self, query: Any, params: Mapping[str, Any] | None = None, *, privileged: bool = False
    ) -> list[dict[str, Any]]:
        await self._become(privileged)
        try:
            async with self._conn.cursor(row_factory=dict_row) as cursor:
                await cursor.execute(query, params)
                return await cursor.fetchall() if cursor.description else []
        except psycopg.Error as error:
            raise errors.from_database(error) from error

    def retire(self, rows: list[dict[str, Any]]) -> None:
        """The blobs of these deleted rows go once the transaction commits."""
        self.obsolete += [version for version in map(version_of, rows) if version]

    @asynccontextmanager
    async def trial(self) -> AsyncIterator[None]:
        """Writes in the block run as the caller and are then undone: only their permission counts.

        Only unprivileged `fetch` calls belong in the block (a role switch would be undone too).
        """
        await self._become(False)
        async with self._conn.transaction():
            yield
            raise psycopg.Rollback

    async def _become(self, privileged: bool) -> None:
        if privileged != self._privileged:
            role = "service_role" if privileged else self._role
            await self._conn.execute("select set_config('role', %s, true)", (role,))
            self._privileged = privileged


def _raw_target(request: Request) -> str:
    """The request target as sent (still percent-encoded), which Storage records as the path."""
    target = request.scope.get("raw_path", b"").decode("latin-1")
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{target}?{query}" if query else target


@asynccontextmanager
async def open_session(
    request: Request,
    identity: Identity,
    *,
    pool: AsyncConnectionPool,
    blobs: BlobStore,
    operation: str,
    search_path: str,
) -> AsyncIterator[Session]:
    """A transaction for one Storage operation; blobs follow its outcome.

    On commit the blobs of replaced rows are removed; on failure the blobs it published are.
    """
    session: Session | None = None
    try:
        async with request_transaction(
            pool,
            claims=identity.claims,
            method=request.method,
            path=_raw_target(request),
            headers=request.headers,
            search_path=search_path,
            read_only=False,
        ) as conn:
            scope = {"token": identity.token, "role": identity.role, "sub": identity.owner or ""}
            await conn.execute(STORAGE_SCOPE, {**scope, "operation": operation})
            session = Session(conn, identity.role)
            yield session
    except BaseException:
        for version in session.fresh if session else []:
            blobs.remove(version)
        raise
    for version in session.obsolete:
        blobs.remove(version)
