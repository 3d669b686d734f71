"""The Functions API at /functions/v1: find the function, check its JWT, and relay to its process.

Answers and their bodies are Supabase's: 404 for an unknown function, 401 from the JWT check,
503 BOOT_ERROR when the function cannot start, 500 WORKER_ERROR when it dies during a request.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket

from devstack.gateway import jwt_claims
from devstack.gateway.app import GatewayContext
from devstack.gateway.functions.deno import deno_environment
from devstack.gateway.functions.process import BootError
from devstack.gateway.functions.project import FunctionsProject
from devstack.gateway.functions.proxy import forward
from devstack.gateway.functions.supervisor import Supervisor
from devstack.gateway.settings import GatewaySettings

log = logging.getLogger(__name__)
NOT_FOUND = {"code": "NOT_FOUND", "message": "Requested function was not found"}
BOOT_ERROR = {"code": "BOOT_ERROR", "message": "Worker failed to boot (please check logs)"}
WORKER_ERROR = {"code": "WORKER_ERROR", "message": "Function exited due to an error (please check logs)"}


def functions_api(context: GatewayContext) -> FunctionsApi:
    project = FunctionsProject.load(context.settings.supabase_dir)
    supervisor = Supervisor(project, platform_environment(context.settings))
    context.services.append(supervisor.running)
    return FunctionsApi(supervisor, context.settings.jwt_secret)


def platform_environment(settings: GatewaySettings) -> dict[str, str]:
    """The variables Supabase gives every function, pointing at this gateway and its database."""
    return {
        "SUPABASE_URL": settings.public_url,
        "SUPABASE_ANON_KEY": settings.anon_key,
        "SUPABASE_SERVICE_ROLE_KEY": settings.service_role_key,
        "SUPABASE_DB_URL": settings.db_url("postgres"),
        **deno_environment(),
    }


def unauthorized(message: str) -> JSONResponse:
    return JSONResponse({"code": 401, "message": message}, status_code=401)


def jwt_refusal(request: Request, secret: str) -> JSONResponse | None:
    """Supabase's `verify_jwt` check: a valid project JWT as the Authorization bearer, or a 401."""
    header = request.headers.get("authorization")
    if not header:
        return unauthorized("Missing authorization header")
    scheme, _, token = header.partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise jwt_claims.InvalidToken("not a bearer token")
        jwt_claims.decode(token.strip(), secret)
    except jwt_claims.InvalidToken:
        return unauthorized("Invalid JWT")
    return None


def function_path(scope: Scope) -> str:
    """The raw path from the function's name on (`/<name>/...`), as a function sees it on Supabase."""
    raw = scope.get("raw_path") or scope["path"].encode()
    return raw.decode("latin-1")[len(scope.get("root_path", "")) :] or "/"


class FunctionsApi:
    def __init__(self, supervisor: Supervisor, jwt_secret: str) -> None:
        self.supervisor = supervisor
        self.jwt_secret = jwt_secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":  # WebSocket functions are not relayed (decision 0710)
            await WebSocket(scope, receive, send).close(code=1008, reason="not supported by devstack")
            return
        if scope["type"] == "http":
            response = await self.respond(Request(scope, receive))
            await response(scope, receive, send)

    async def respond(self, request: Request) -> Response:
        path = function_path(request.scope)
        name = unquote(path.split("/")[1])
        entrypoint = self.supervisor.project.entrypoint(name)
        if entrypoint is None:
            return JSONResponse(NOT_FOUND, status_code=404)
        # Preflight requests are the function's to answer, so they pass without a JWT.
        if request.method != "OPTIONS" and self.supervisor.project.verify_jwt(name):
            refusal = jwt_refusal(request, self.jwt_secret)
            if refusal is not None:
                return refusal
        try:
            return await self.relay(request, name, entrypoint, path, retry=True)
        except BootError as error:
            log.warning("%s", error)
            return JSONResponse(BOOT_ERROR, status_code=503)
        except httpx.TransportError as error:
            log.warning("function %s failed during a request: %r", name, error)
            return JSONResponse(WORKER_ERROR, status_code=500)

    async def relay(self, request: Request, name: str, entrypoint: Path, path: str, retry: bool) -> Response:
        """Forward to the function's process; a process found dead is replaced and the request retried once.

        A refused connection means nothing was sent yet, so the retry cannot repeat any effect.
        """
        process = await self.supervisor.acquire(name, entrypoint)
        try:
            return await forward(self.supervisor.client, request, process.port, path)
        except httpx.TransportError as error:
            await self.supervisor.discard(process)
            if retry and isinstance(error, httpx.ConnectError):
                return await self.relay(request, name, entrypoint, path, retry=False)
            raise
