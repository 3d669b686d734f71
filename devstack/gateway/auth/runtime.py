"""What every Auth handler works with: settings, the auth database pool, the mailer, the login guard."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import cast

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request

from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.mailer import Mailer
from devstack.gateway.auth.ratelimit import LoginGuard
from devstack.gateway.auth.settings import AuthSettings


@dataclass
class AuthRuntime:
    settings: AuthSettings
    pool: AsyncConnectionPool  # logged in as supabase_auth_admin, the owner of the auth schema
    mailer: Mailer
    logins: LoginGuard

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """One transaction; rows come back as dicts. Any exception rolls it back."""
        async with self.pool.connection() as conn, conn.transaction():
            typed = cast(Connection, conn)
            typed.row_factory = dict_row  # the auth pool is Auth's alone
            yield typed


def runtime(request: Request) -> AuthRuntime:
    return request.app.state.auth
