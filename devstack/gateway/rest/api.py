"""Routes of the REST API and the error boundary every request passes through."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import psycopg
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, Router

from devstack.gateway.rest.context import RestRequest
from devstack.gateway.rest.errors import RestError, from_database_error
from devstack.gateway.rest.openapi import describe
from devstack.gateway.rest.reads import read_table
from devstack.gateway.rest.rpc import call_function
from devstack.gateway.rest.schema_cache import Snapshot
from devstack.gateway.rest.schema_listener import SchemaCache
from devstack.gateway.rest.writes import write_table

if TYPE_CHECKING:
    from devstack.gateway.app import GatewayContext

log = logging.getLogger(__name__)
TABLE_METHODS = ["GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"]
RPC_METHODS = ["GET", "HEAD", "POST", "OPTIONS"]
ANY_METHOD = [*TABLE_METHODS, "TRACE", "CONNECT"]

Handler = Callable[[RestRequest, Snapshot], Awaitable[Response]]


class RestApi:
    """One instance per gateway: the schema cache and the routes over the `api` pool."""

    def __init__(self, context: GatewayContext) -> None:
        self.settings = context.settings
        self.pool = context.pools.api
        self.schema_cache = SchemaCache(
            self.pool, self.settings.db_url("authenticator"), self.settings.exposed_schemas
        )
        context.services.append(self._schema_cache_lifetime)
        self.app = Router(
            routes=[
                Route("/", self.root, methods=["GET", "HEAD"]),
                Route("/rpc/{name}", self.rpc, methods=ANY_METHOD),
                Route("/{name}", self.table, methods=ANY_METHOD),
            ]
        )

    @asynccontextmanager
    async def _schema_cache_lifetime(self) -> AsyncIterator[None]:
        """Stops the schema listener when the gateway shuts down."""
        try:
            yield
        finally:
            await self.schema_cache.close()

    async def root(self, request: Request) -> Response:
        async def describe_schema(rest: RestRequest, snapshot: Snapshot) -> Response:
            document = describe(snapshot, rest.schema, self.settings.public_url)
            return Response(json.dumps(document), media_type="application/openapi+json; charset=utf-8")

        return await self._serve(request, describe_schema)

    async def table(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=200, headers={"allow": ",".join(TABLE_METHODS)})
        if request.method not in TABLE_METHODS:
            return RestError(405, "PGRST117", f"Unsupported HTTP method: {request.method}").response()
        handler = read_table if request.method in ("GET", "HEAD") else write_table
        return await self._serve(
            request, lambda rest, snap: handler(rest, snap, self.pool, request.path_params["name"])
        )

    async def rpc(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=200, headers={"allow": ",".join(RPC_METHODS)})
        if request.method not in RPC_METHODS:
            return RestError(405, "PGRST101", "Only GET, HEAD and POST are allowed on functions").response()
        return await self._serve(
            request, lambda rest, snap: call_function(rest, snap, self.pool, request.path_params["name"])
        )

    async def _serve(self, request: Request, handle: Handler) -> Response:
        """Every failure becomes a PostgREST error body; database errors map by SQLSTATE."""
        is_anon = True
        try:
            rest = RestRequest.build(request, self.settings)
            is_anon = rest.is_anon
            return await handle(rest, await self.schema_cache.current())
        except RestError as error:
            return error.response()
        except psycopg.DataError as error:
            if error.diag.sqlstate is not None:
                return from_database_error(error, is_anon).response()
            # Refused by the driver before it reached the server (a NUL byte in text, say).
            return RestError(400, "22021", 'invalid byte sequence for encoding "UTF8"', str(error)).response()
        except psycopg.Error as error:
            if error.diag.sqlstate is None:
                log.exception("database unavailable while serving %s", request.url.path)
                return RestError(
                    503, "PGRST001", "Database client error. Retrying the connection.", str(error)
                ).response()
            return from_database_error(error, is_anon).response()
