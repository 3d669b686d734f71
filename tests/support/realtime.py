"""A bare Realtime websocket client (vsn 2.0.0) for tests that need to see frames exactly."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from tests.support.gateway import GatewayProcess

WAIT_SECONDS = 15.0  # a bound on waiting for a frame, never an assertion about speed


async def subscribed(gateway: GatewayProcess, token: str, bindings: list[dict[str, Any]]) -> ClientConnection:
    """A socket joined to a channel with these postgres_changes bindings, once they are confirmed."""
    url = f"ws://127.0.0.1:{gateway.port}/realtime/v1/websocket?apikey={gateway.anon_key}&vsn=2.0.0"
    ws = await connect(url)
    payload = {"config": {"postgres_changes": bindings}, "access_token": token}
    await ws.send(json.dumps(["1", "1", "realtime:changes", "phx_join", payload]))
    while (await next_frame(ws))[3] != "system":
        pass
    return ws


async def next_frame(ws: ClientConnection) -> list[Any]:
    return json.loads(await asyncio.wait_for(ws.recv(), WAIT_SECONDS))


async def next_change(ws: ClientConnection) -> dict[str, Any]:
    """The `data` of the next postgres_changes frame."""
    while True:
        frame = await next_frame(ws)
        if frame[3] == "postgres_changes":
            return frame[4]["data"]


async def events_until_heartbeat_reply(ws: ClientConnection) -> list[str]:
    """The events of every frame queued for this socket before a heartbeat sent now is answered.

    The feed queues a change for all its channels at once, so this shows whether a change that another
    socket already received was ever meant for this one.
    """
    await ws.send(json.dumps([None, "hb", "phoenix", "heartbeat", {}]))
    events: list[str] = []
    while not events or events[-1] != "phx_reply":
        events.append((await next_frame(ws))[3])
    return events
