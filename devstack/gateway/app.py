"""The gateway application: the key gate, CORS, and each Supabase API mounted under its prefix."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

from devstack.gateway.apikey import resolve_caller
from devstack.gateway.database import Pools
from devstack.gateway.settings import GatewaySettings
from devstack.pgnet import NetWorker

EXPOSED_HEADERS = [
    "content-range",
    "content-location",
    "location",
    "preference-applied",
    "x-total-count",
    "link",
    "x-supabase-api-version",
    "x-sb-error-code",
    "content-profile",
    "etag",
    "cache-control",
]


# Supabase's relay hands these requests to the function as they are: no apikey needed, and CORS (the
# preflight too) is the function's own business.
SELF_SERVED_PREFIXES = ("/functions/v1/",)


def self_served(scope: Scope) -> bool:
    return str(scope.get("path", "")).startswith(SELF_SERVED_PREFIXES)


# A background part of an API (a WAL reader, a process supervisor): runs while the gateway runs.
Service = Callable[[], AbstractAsyncContextManager[object]]


@dataclass
class GatewayContext:
    """Shared by every API module: settings, connection pools, and the services to run."""

    settings: GatewaySettings
    pools: Pools
    services: list[Service] = field(default_factory=list)


RouteT = TypeVar("RouteT", Route, Mount)

# Each API module contributes (prefix, factory building its ASGI app from the context).
ApiFactory = Callable[[GatewayContext], ASGIApp]


def api_mounts() -> list[tuple[str, ApiFactory]]:
    """The APIs served, by prefix. Imported lazily so each API stays an independent module."""
    from devstack.gateway.auth.app import auth_api  # noqa: PLC0415 - each API imports this module
    from devstack.gateway.functions.api import functions_api  # noqa: PLC0415
    from devstack.gateway.realtime.api import realtime_api  # noqa: PLC0415
    from devstack.gateway.rest import create_rest_api  # noqa: PLC0415
    from devstack.gateway.storage.app import storage_api  # noqa: PLC0415

    return [
        ("/auth/v1", auth_api),
        ("/rest/v1", create_rest_api),
        ("/storage/v1", storage_api),
        ("/realtime/v1", realtime_api),
        ("/functions/v1", functions_api),
    ]


class GatewayCors(CORSMiddleware):
    """The gateway's CORS, except on paths whose functions answer CORS themselves."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self_served(scope):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


class KeyGate:
    """ASGI middleware: refuse requests without a known apikey; hand the effective bearer on."""

    def __init__(self, app: ASGIApp, settings: GatewaySettings) -> None:
        self.app = app
        self.settings = settings

    @staticmethod
    def ungated(scope: Scope) -> bool:
        """Health checks, preflight requests and function calls pass without a key."""
        if scope["type"] not in ("http", "websocket") or scope["path"] in ("/", "/health"):
            return True
        return self_served(scope) or (scope["type"] == "http" and scope["method"] == "OPTIONS")

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if self.ungated(scope):
            await self.app(scope, receive, send)
            return
        outcome = resolve_caller(HTTPConnection(scope), self.settings)
        if isinstance(outcome, Response):
            if scope["type"] == "http":
                await outcome(scope, receive, send)
            else:
                await WebSocket(scope, receive, send).send_denial_response(outcome)
            return
        scope.setdefault("state", {})["caller"] = outcome
        await self.app(scope, receive, send)


def across_newlines(route: RouteT) -> RouteT:
    """`route`, matching paths that hold an encoded newline (%0A) too: Starlette's patterns stop
    at one, which would leave such paths to a plain-text 404 instead of the API's own error."""
    route.path_regex = re.compile(route.path_regex.pattern, re.DOTALL)
    return route


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok", "name": "devstack gateway"})


def create_gateway(
    settings: GatewaySettings, mounts: list[tuple[str, ApiFactory]] | None = None
) -> Starlette:
    pools = Pools.create(settings)
    context = GatewayContext(settings=settings, pools=pools)
    context.services.append(NetWorker(settings.db_url("supabase_admin")).running)  # pg_net's worker

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            await pools.open()
            stack.push_async_callback(pools.close)
            for service in context.services:
                await stack.enter_async_context(service())
            yield

    routes: list[BaseRoute] = [Route("/health", health)]
    apis = mounts or api_mounts()
    routes += [across_newlines(Mount(prefix, app=factory(context))) for prefix, factory in apis]
    middleware = [
        Middleware(
            GatewayCors,
            allow_origins=["*"],
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=EXPOSED_HEADERS,
            max_age=86400,
        ),
        Middleware(KeyGate, settings=settings),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.context = context
    return app
