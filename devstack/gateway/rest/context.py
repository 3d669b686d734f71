"""Per-request context: the caller's claims, the request transaction, cached plans, statement runs."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from psycopg import AsyncConnection
from starlette.requests import Request

from devstack.gateway.database import request_transaction
from devstack.gateway.jwt_claims import InvalidToken, decode
from devstack.gateway.rest.errors import RestError
from devstack.gateway.rest.negotiation import READ_METHODS, Preferences, preferences, schema_for
from devstack.gateway.rest.responses import Result
from devstack.gateway.rest.schema_cache import Snapshot, Table
from devstack.gateway.rest.statements import Plan
from devstack.gateway.settings import GatewaySettings

PLAN_CACHE_SIZE = 2000
TOKEN_CACHE_SIZE = 1000
EXPIRY_LEEWAY = 30  # seconds, as jwt_claims.decode allows
_verified: dict[tuple[str, str], dict[str, Any]] = {}


def verified_claims(token: str, secret: str) -> dict[str, Any]:
    """`decode`, remembered per token until it expires: most requests repeat a handful of tokens."""
    claims = _verified.get((secret, token))
    if claims is None or claims.get("exp", 0) + EXPIRY_LEEWAY < time.time():
        claims = decode(token, secret)
        if len(_verified) >= TOKEN_CACHE_SIZE:
            _verified.clear()
        _verified[(secret, token)] = claims
    return claims


def claims_of(request: Request, settings: GatewaySettings) -> dict[str, Any]:
    """The verified JWT claims with `role` set (anon without a token), as PostgREST derives them."""
    caller = request.scope.get("state", {}).get("caller")
    token = caller.bearer if caller else None
    if not token:
        return {"role": "anon"}
    try:
        claims = verified_claims(token, settings.jwt_secret)
    except InvalidToken as error:
        code = "PGRST303" if error.expired else "PGRST301"
        challenge = f'Bearer error="invalid_token", error_description="{error.reason}"'
        raise RestError(401, code, error.reason, headers={"www-authenticate": challenge}) from error
    return {**claims, "role": claims.get("role") or "anon"}


def cached_plan(snapshot: Snapshot, key: tuple[Any, ...], build: Callable[[], Plan]) -> Plan:
    """Plans live on the snapshot, so a schema reload drops them all."""
    plan = snapshot.plans.get(key)
    if plan is None:
        if len(snapshot.plans) >= PLAN_CACHE_SIZE:
            snapshot.plans.clear()
        plan = snapshot.plans[key] = build()
    return plan


def find_table(snapshot: Snapshot, schema: str, name: str) -> Table:
    table = snapshot.tables.get((schema, name))
    if table is None:
        raise RestError(
            404,
            "PGRST205",
            f"Could not find the table '{schema}.{name}' in the schema cache",
            hint=None,
        )
    return table


@dataclass
class RestRequest:
    """What every handler needs to know about one request."""

    request: Request
    settings: GatewaySettings
    claims: dict[str, Any]
    schema: str
    profile_named: bool
    prefs: Preferences
    pairs: list[tuple[str, str]]

    @classmethod
    def build(cls, request: Request, settings: GatewaySettings) -> RestRequest:
        schema, named = schema_for(request.method, request.headers, settings.exposed_schemas)
        pairs = parse_qsl(request.url.query, keep_blank_values=True)
        return cls(
            request,
            settings,
            claims_of(request, settings),
            schema,
            named,
            preferences(request.headers),
            pairs,
        )

    @property
    def is_anon(self) -> bool:
        return self.claims["role"] == "anon"

    @property
    def head(self) -> bool:
        return self.request.method == "HEAD"

    def profile_headers(self) -> dict[str, str]:
        return {"content-profile": self.schema} if self.profile_named else {}

    @asynccontextmanager
    async def transaction(
        self, pool: Any, read_only: bool | None = None, implicit: bool = False
    ) -> AsyncIterator[AsyncConnection]:
        """The PostgREST transaction (B.1): role, claims and request settings, set locally.

        `implicit`: without BEGIN and COMMIT (see `request_transaction`)."""
        path = self.request.url.path.removeprefix(self.request.scope.get("root_path", ""))
        extra = ", ".join(self.settings.extra_search_path)
        async with request_transaction(
            pool,
            claims=self.claims,
            method=self.request.method,
            path=path or "/",
            headers=dict(self.request.headers),
            search_path='"' + self.schema.replace('"', '""') + '", ' + extra,
            read_only=self.request.method in READ_METHODS if read_only is None else read_only,
            pipelined=True,
            implicit=implicit,
        ) as conn:
            yield conn


async def run(conn: AsyncConnection, plan: Plan, values: dict[str, Any]) -> Result:
    """Execute a wrapped statement and read its single row."""
    return await _fetched(await conn.execute(plan.sql, plan.params(values)))


async def _planned_total(conn: AsyncConnection, plan: Plan, values: dict[str, Any]) -> int | None:
    """The planner's row estimate for the counted query (`count=planned` / `estimated`)."""
    if plan.count_sql is None:
        return None
    cursor = await conn.execute("explain (format json) " + plan.count_sql, plan.params(values))
    row = await cursor.fetchone()
    return int(row[0][0]["Plan"]["Plan Rows"]) if row else None


async def read(
    rest: RestRequest, pool: Any, plan: Plan, values: dict[str, Any], read_only: bool | None = None
) -> Result:
    """Run a reading statement in one round trip: settings and statement go out together as one
    implicit transaction and the row is read after it. A planned count needs a second statement,
    after the first one's result, in an explicit transaction.
    """
    async with rest.transaction(pool, read_only, implicit=plan.count_sql is None) as conn:
        cursor = await conn.execute(plan.sql, plan.params(values))
        if plan.count_sql is not None:
            result = await _fetched(cursor)
            estimate = await _planned_total(conn, plan, values)
            if rest.prefs.get("count") == "planned" or (estimate or 0) > rest.settings.max_rows:
                result.total = estimate
            return result
    return await _fetched(cursor)


async def _fetched(cursor: Any) -> Result:
    row = await cursor.fetchone()
    assert row is not None  # noqa: S101 (an aggregate over the source always answers one row)
    return Result.from_row(row)
