"""The Realtime API mounted at /realtime/v1: the websocket and the broadcast REST endpoints (E.1, E.6)."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from devstack.gateway.app import GatewayContext
from devstack.gateway.realtime import tokens
from devstack.gateway.realtime.changes.feed import Feed
from devstack.gateway.realtime.connection import Connection
from devstack.gateway.realtime.hub import Hub
from devstack.gateway.realtime.joining import Realtime
from devstack.gateway.realtime.protocol import SUPPORTED_VSN, VSN_1

# The feed reads the WAL as the cluster's superuser, as Supabase's Realtime server does, so it can
# see every published table's row type and act as any subscriber's role.
FEED_USER = "supabase_admin"


def realtime_api(context: GatewayContext) -> Starlette:
    realtime = Realtime(Hub(), context.settings.jwt_secret, context.pools.api)
    context.services.append(Feed(realtime.hub, context.settings.db_url(FEED_USER)).running)

    async def websocket(ws: WebSocket) -> None:
        await serve_socket(ws, realtime)

    async def broadcast_batch(request: Request) -> Response:
        return await broadcast_messages(request, realtime)

    async def broadcast_one(request: Request) -> Response:
        return await broadcast_event(request, realtime)

    return Starlette(
        routes=[
            WebSocketRoute("/websocket", websocket),
            Route("/api/broadcast", broadcast_batch, methods=["POST"]),
            Route("/api/broadcast/{topic}/events/{event}", broadcast_one, methods=["POST"]),
        ]
    )


async def serve_socket(ws: WebSocket, realtime: Realtime) -> None:
    """Check the socket's token (E.1) and serve the connection in the requested serializer."""
    vsn = ws.query_params.get("vsn", VSN_1)
    if vsn not in SUPPORTED_VSN:
        await ws.send_denial_response(PlainTextResponse(f"unsupported vsn {vsn}", status_code=400))
        return
    token = ws.headers.get("x-api-key") or ws.scope["state"]["caller"].bearer
    if not token:
        await ws.send_denial_response(PlainTextResponse("API key is missing", status_code=401))
        return
    try:
        tokens.verify(token, realtime.jwt_secret)
    except tokens.TokenRefused as error:
        await ws.send_denial_response(PlainTextResponse(tokens.connect_refusal(error), status_code=401))
        return
    await Connection(ws, realtime, vsn, token).serve()


def _authorized(request: Request, realtime: Realtime) -> JSONResponse | None:
    try:
        tokens.verify(request.scope["state"]["caller"].bearer or "", realtime.jwt_secret)
    except tokens.TokenRefused as error:
        return JSONResponse({"message": tokens.connect_refusal(error)}, status_code=401)
    return None


def _user_broadcast(event: Any, payload: Any) -> dict[str, Any]:
    return {"type": "broadcast", "event": event, "payload": payload}


async def broadcast_messages(request: Request, realtime: Realtime) -> Response:
    """`POST /api/broadcast` with `{"messages": [{topic, event, payload, private}]}`."""
    refused = _authorized(request, realtime)
    if refused:
        return refused
    try:
        messages = (await request.json())["messages"]
        batch = [(m["topic"], m["event"], m.get("payload", {}), bool(m.get("private"))) for m in messages]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        return JSONResponse({"message": f"invalid broadcast body: {error}"}, status_code=400)
    for topic, event, payload, private in batch:
        if not private:  # private channels cannot be joined on devstack (docs/decisions/0701)
            realtime.hub.broadcast(f"realtime:{topic}", _user_broadcast(event, payload))
    return Response(status_code=202)


async def broadcast_event(request: Request, realtime: Realtime) -> Response:
    """`POST /api/broadcast/<topic>/events/<event>` with the payload as the JSON body."""
    refused = _authorized(request, realtime)
    if refused:
        return refused
    try:
        payload = await request.json()
    except json.JSONDecodeError as error:
        return JSONResponse({"message": f"invalid JSON payload: {error}"}, status_code=400)
    if request.query_params.get("private") != "true":
        topic = request.path_params["topic"]
        realtime.hub.broadcast(f"realtime:{topic}", _user_broadcast(request.path_params["event"], payload))
    return Response(status_code=202)
