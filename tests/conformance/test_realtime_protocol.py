"""Realtime on the wire with a bare websocket: serializers, binary pushes, refusals, expiry (E.1-E.4, E.6)."""

from __future__ import annotations

import asyncio
import json
import struct
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidStatus

from tests.support.gateway import GatewayProcess


def socket_url(gateway: GatewayProcess, vsn: str = "2.0.0", **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"apikey": gateway.anon_key, "vsn": vsn, **params}.items())
    return f"ws://127.0.0.1:{gateway.port}/realtime/v1/websocket?{query}"


async def next_frame(ws: ClientConnection, event: str) -> Any:
    """The next V2 frame carrying `event`, skipping others."""
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), 15))
        if frame[3] == event:
            return frame


def kind3(join_ref: str, ref: str, topic: str, event: str, payload: dict[str, Any]) -> bytes:
    """A user broadcast push exactly as realtime-js' serializer lays it out."""
    parts = [p.encode() for p in (join_ref, ref, topic, event, "")]
    header = struct.pack("7B", 3, *(len(p) for p in parts), 1)
    return header + b"".join(parts) + json.dumps(payload).encode()


def join(topic: str, ref: str, config: dict[str, Any] | None = None, token: str | None = None) -> str:
    payload: dict[str, Any] = {"config": config or {}}
    if token:
        payload["access_token"] = token
    return json.dumps([ref, ref, f"realtime:{topic}", "phx_join", payload])


def test_v2_join_heartbeat_and_binary_broadcast(gateway: GatewayProcess) -> None:
    async def scenario() -> None:
        async with connect(socket_url(gateway)) as a, connect(socket_url(gateway)) as b:
            await a.send(join("room", "1"))
            await b.send(join("room", "1"))
            assert (await next_frame(a, "phx_reply"))[4] == {
                "status": "ok",
                "response": {"postgres_changes": []},
            }
            await next_frame(b, "phx_reply")
            await a.send(json.dumps([None, "2", "phoenix", "heartbeat", {}]))
            assert await next_frame(a, "phx_reply") == [
                None,
                "2",
                "phoenix",
                "phx_reply",
                {"status": "ok", "response": {}},
            ]
            await a.send(kind3("1", "3", "realtime:room", "cursor", {"x": 4}))
            frame = await next_frame(b, "broadcast")
            assert frame == [
                None,
                None,
                "realtime:room",
                "broadcast",
                {"type": "broadcast", "event": "cursor", "payload": {"x": 4}},
            ]

    asyncio.run(scenario())


def test_join_errors_use_realtime_reasons(gateway: GatewayProcess) -> None:
    expired = gateway.user_token("00000000-0000-0000-0000-000000000001", lifetime=-5)

    async def scenario() -> None:
        async with connect(socket_url(gateway)) as ws:
            await ws.send(join("room", "1", token=expired))
            reply = (await next_frame(ws, "phx_reply"))[4]
            assert reply["status"] == "error"
            assert reply["response"]["reason"].startswith("InvalidJWTToken: Token has expired")
            await ws.send(json.dumps(["2", "2", "realtime:", "phx_join", {"config": {}}]))
            assert (await next_frame(ws, "phx_reply"))[4]["response"]["reason"].startswith(
                "TopicNameRequired"
            )
            await ws.send(json.dumps(["3", "3", "realtime:never-joined", "broadcast", {}]))
            assert (await next_frame(ws, "phx_reply"))[4]["response"] == {"reason": "unmatched topic"}
            bad = {"postgres_changes": [{"event": "*", "schema": "public", "table": "no_such_table"}]}
            await ws.send(join("bad", "4", bad))
            reply = (await next_frame(ws, "phx_reply"))[4]
            assert reply["status"] == "ok"
            assert isinstance(reply["response"]["postgres_changes"][0]["id"], int)
            system = (await next_frame(ws, "system"))[4]
            assert system["status"] == "error"
            assert system["extension"] == "postgres_changes"

    asyncio.run(scenario())


def test_expired_token_shuts_the_channel_down(gateway: GatewayProcess) -> None:
    short = gateway.user_token("00000000-0000-0000-0000-000000000002", lifetime=2)

    async def scenario() -> None:
        async with connect(socket_url(gateway)) as ws:
            await ws.send(join("room", "1", token=short))
            await next_frame(ws, "phx_reply")
            system = (await next_frame(ws, "system"))[4]
            assert system["status"] == "error"
            assert system["message"].startswith("Token has expired")
            assert (await next_frame(ws, "phx_close"))[:3] == ["1", "1", "realtime:room"]

    asyncio.run(scenario())


def test_leave_is_acknowledged_then_closed(gateway: GatewayProcess) -> None:
    async def scenario() -> None:
        async with connect(socket_url(gateway, vsn="1.0.0")) as ws:
            await ws.send(
                json.dumps({"topic": "realtime:room", "event": "phx_join", "payload": {}, "ref": "1"})
            )
            assert json.loads(await ws.recv())["payload"]["status"] == "ok"
            await ws.send(
                json.dumps({"topic": "realtime:room", "event": "phx_leave", "payload": {}, "ref": "2"})
            )
            assert json.loads(await ws.recv())["payload"] == {"status": "ok", "response": {}}
            closing = json.loads(await ws.recv())
            assert closing["event"] == "phx_close"
            assert "ref" in closing

    asyncio.run(scenario())


def test_socket_refusals_are_401_with_realtime_texts(gateway: GatewayProcess) -> None:
    expired = gateway.user_token("00000000-0000-0000-0000-000000000003", lifetime=-60)

    async def refused(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        with pytest.raises(InvalidStatus) as caught:
            async with connect(url, additional_headers=headers or {}):
                pass
        return caught.value.response.status_code, caught.value.response.body

    async def scenario() -> None:
        status, body = await refused(socket_url(gateway), {"x-api-key": expired})
        assert (status, body) == (401, b"Token has expired")
        status, body = await refused(f"ws://127.0.0.1:{gateway.port}/realtime/v1/websocket?vsn=2.0.0")
        assert status == 401
        assert b"No API key found" in body

    asyncio.run(scenario())


def test_rest_broadcast_endpoints_deliver_to_subscribers(gateway: GatewayProcess) -> None:
    async def scenario() -> None:
        async with connect(socket_url(gateway)) as ws:
            await ws.send(join("alerts", "1"))
            await next_frame(ws, "phx_reply")
            headers = {"apikey": gateway.anon_key}
            async with httpx.AsyncClient(base_url=f"{gateway.url}/realtime/v1/api") as http:
                batch = {
                    "messages": [{"topic": "alerts", "event": "new", "payload": {"n": 1}, "private": False}]
                }
                assert (await http.post("/broadcast", json=batch, headers=headers)).status_code == 202
                assert (await next_frame(ws, "broadcast"))[4]["payload"] == {"n": 1}
                one = await http.post("/broadcast/alerts/events/next", json={"n": 2}, headers=headers)
                assert one.status_code == 202
                assert (await next_frame(ws, "broadcast"))[4] == {
                    "type": "broadcast",
                    "event": "next",
                    "payload": {"n": 2},
                }

    asyncio.run(scenario())
