"""Connection pools of the gateway and the per-request transaction PostgREST and Storage open (B.1, D.1)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

from devstack.gateway.settings import GatewaySettings

SET_REQUEST_CONTEXT = """
select set_config('search_path', %(search_path)s, true),
       set_config('role', %(role)s, true),
       set_config('request.jwt.claims', %(claims)s, true),
       set_config('request.method', %(method)s, true),
       set_config('request.path', %(path)s, true),
       set_config('request.headers', %(headers)s, true)
"""
# Without BEGIN READ ONLY, an implicit transaction turns read-only with this setting (allowed any time).
SET_IMPLICIT_CONTEXT = (
    SET_REQUEST_CONTEXT.rstrip() + ",\n       set_config('transaction_read_only', %(read_only)s, true)\n"
)


@dataclass
class Pools:
    """`api` logs in as authenticator and switches role per request; `auth` owns the auth schema."""

    api: AsyncConnectionPool
    auth: AsyncConnectionPool

    @classmethod
    def create(cls, settings: GatewaySettings) -> Pools:
        def pool(user: str, size: int) -> AsyncConnectionPool:
            return AsyncConnectionPool(
                settings.db_url(user), min_size=1, max_size=size, open=False, kwargs={"autocommit": True}
            )

        return cls(api=pool("authenticator", 20), auth=pool("supabase_auth_admin", 5))

    async def open(self) -> None:
        await self.api.open(wait=True)
        await self.auth.open(wait=True)

    async def close(self) -> None:
        await self.api.close()
        await self.auth.close()


@asynccontextmanager
async def request_transaction(
    pool: AsyncConnectionPool,
    *,
    claims: Mapping[str, Any],
    method: str,
    path: str,
    headers: Mapping[str, str],
    search_path: str,
    read_only: bool,
    pipelined: bool = False,
    implicit: bool = False,
) -> AsyncIterator[AsyncConnection]:
    """One transaction running as the claims' role, with the request settings set locally.

    Any exception rolls the transaction back. The role must come from a verified JWT.
    Read-only goes into BEGIN itself. `pipelined` sends BEGIN, the settings and the caller's
    statements in one round trip (psycopg pipeline mode: results arrive on fetch or sync).

    `implicit` sends no BEGIN or COMMIT: statements pipelined up to a Sync form one transaction,
    committed at the Sync or rolled back by the first failing statement (not by an exception of the
    caller's), and read-only is a setting. It suits callers that read no result inside the block and
    never roll back on their own (reads, RPC); their results are read after the block, once leaving
    pipeline mode has synced and fetched them.
    """
    values = {
        "search_path": search_path,
        "role": claims["role"],
        "claims": json.dumps(dict(claims)),
        "method": method,
        "path": path,
        "headers": json.dumps({k.lower(): v for k, v in headers.items()}),
    }
    async with pool.connection() as conn:
        if implicit:
            async with conn.pipeline():
                await conn.execute(
                    SET_IMPLICIT_CONTEXT, {**values, "read_only": "on" if read_only else "off"}
                )
                yield conn
            return
        await conn.set_read_only(read_only)
        try:
            async with conn.pipeline() if pipelined else nullcontext(), conn.transaction():
                await conn.execute(SET_REQUEST_CONTEXT, values)
                yield conn
        finally:
            await conn.set_read_only(False)
