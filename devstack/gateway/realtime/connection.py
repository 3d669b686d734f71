"""One websocket: reads frames in its serializer, dispatches them, and writes through an outbox."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from starlette.websockets import WebSocket

from devstack.gateway.realtime import joining
from devstack.gateway.realtime.channel import Channel
from devstack.gateway.realtime.protocol import FrameError, Message, decode_binary, decode_text, encode, reply

log = logging.getLogger(__name__)
IDLE_TIMEOUT = 60.0  # Phoenix closes sockets that sent nothing (not even a heartbeat) for a minute
OUTBOX_LIMIT = 10_000  # frames queued for a client that does not read; past it the socket is dropped


class Connection:
    def __init__(self, websocket: WebSocket, realtime: joining.Realtime, vsn: str, token: str) -> None:
        self.websocket = websocket
        self.realtime = realtime
        self.vsn = vsn
        self.token = token
        self.channels: dict[str, Channel] = {}
        self.outbox: asyncio.Queue[str | None] = asyncio.Queue()
        self.overflowed = False

    def send(self, message: Message) -> None:
        """Queue a frame; a client too slow to keep up is disconnected rather than buffered forever."""
        if self.overflowed:
            return
        if self.outbox.qsize() >= OUTBOX_LIMIT:
            self.overflowed = True
            self.outbox.put_nowait(None)
            return
        self.outbox.put_nowait(encode(self.vsn, message))

    async def serve(self) -> None:
        await self.websocket.accept()
        writer = asyncio.create_task(self._write())
        try:
            await self._read()
        finally:
            writer.cancel()
            for channel in self.channels.values():
                channel.cancel_expiry()
                self.realtime.hub.remove(channel)

    async def _write(self) -> None:
        while (frame := await self.outbox.get()) is not None:
            await self.websocket.send_text(frame)
        await self.websocket.close(code=1013, reason="too many unread messages")

    async def _read(self) -> None:
        while True:
            try:
                event = await asyncio.wait_for(self.websocket.receive(), IDLE_TIMEOUT)
            except TimeoutError:
                await self.websocket.close(code=1000, reason="heartbeat timeout")
                return
            if event["type"] == "websocket.disconnect":
                return
            try:
                message = self._decode(event)
            except FrameError as error:
                await self.websocket.close(code=1007, reason=str(error)[:120])
                return
            await self.dispatch(message)

    def _decode(self, event: dict[str, Any]) -> Message:
        if event.get("bytes") is not None:
            return decode_binary(event["bytes"])
        return decode_text(self.vsn, event.get("text") or "")

    async def dispatch(self, message: Message) -> None:
        if message.topic == "phoenix":
            if message.event == "heartbeat":
                self.send(reply(message, "ok", {}))
            return
        if message.event == "phx_join":
            await self._join(message)
            return
        channel = self.channels.get(message.topic)
        if channel is None or channel.closed:
            self.send(reply(message, "error", {"reason": "unmatched topic"}))
            return
        self._on_channel_event(channel, message)

    async def _join(self, message: Message) -> None:
        if not message.topic.startswith("realtime:"):
            self.send(reply(message, "error", {"reason": "unmatched topic"}))
            return
        previous = self.channels.pop(message.topic, None)
        if previous:
            previous.close()
            self.realtime.hub.remove(previous)
        try:
            channel = joining.open_channel(self.realtime, message, self.token, self.send)
        except joining.JoinRefused as error:
            self.send(reply(message, "error", {"reason": str(error)}))
            return
        requested = (message.payload.get("config") or {}).get("postgres_changes") or []
        entries, problem = await joining.subscribe(self.realtime, channel, requested)
        self.channels[message.topic] = channel
        self.send(reply(message, "ok", {"postgres_changes": entries}))
        if requested:
            joining.announce(channel, problem)
        if channel.presence_enabled:
            self.realtime.hub.sync_presence(channel)

    def _on_channel_event(self, channel: Channel, message: Message) -> None:
        hub, payload = self.realtime.hub, message.payload
        if message.event == "phx_leave":
            self.send(reply(message, "ok", {}))
            channel.close()
            hub.remove(channel)
            del self.channels[message.topic]
        elif message.event == "access_token":
            joining.refresh(self.realtime, channel, payload)
        elif message.event == "broadcast":
            user_payload = {
                "type": "broadcast",
                "event": payload.get("event"),
                "payload": payload.get("payload"),
            }
            hub.broadcast(channel.topic, user_payload, sender=channel)
            if channel.ack_broadcast:
                self.send(reply(message, "ok", {}))
        elif message.event == "presence":
            if payload.get("event") == "track":
                hub.track(channel, payload.get("payload") or {})
            elif payload.get("event") == "untrack":
                hub.untrack(channel)
            self.send(reply(message, "ok", {}))
