"""Phoenix channel frames: the 1.0.0 (JSON object) and 2.0.0 (JSON array, binary push) serializers (E.2)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

VSN_1 = "1.0.0"
VSN_2 = "2.0.0"
SUPPORTED_VSN = (VSN_1, VSN_2)
USER_BROADCAST_PUSH = 3  # binary kind realtime-js sends for every broadcast
JSON_ENCODING = 1


class FrameError(ValueError):
    """A frame the server cannot read; the socket is closed with this reason."""


@dataclass(frozen=True)
class Message:
    topic: str
    event: str
    payload: dict[str, Any]
    ref: str | None = None
    join_ref: str | None = None


def decode_text(vsn: str, text: str) -> Message:
    """A client text frame in the connection's serializer."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise FrameError(f"not JSON: {error}") from error
    if vsn == VSN_1 and isinstance(raw, dict):
        fields = [raw.get("join_ref"), raw.get("ref"), raw.get("topic"), raw.get("event"), raw.get("payload")]
    elif vsn == VSN_2 and isinstance(raw, list) and len(raw) == 5:
        fields = raw
    else:
        raise FrameError(f"not a {vsn} frame")
    join_ref, ref, topic, event, payload = fields
    if not isinstance(topic, str) or not isinstance(event, str):
        raise FrameError("topic and event must be strings")
    return Message(topic, event, payload if isinstance(payload, dict) else {}, _ref(ref), _ref(join_ref))


def _ref(value: Any) -> str | None:
    return None if value is None else str(value)


def decode_binary(data: bytes) -> Message:
    """A kind-3 user broadcast push: header lengths, then join_ref, ref, topic, event, metadata, payload."""
    if len(data) < 7 or data[0] != USER_BROADCAST_PUSH:
        raise FrameError("only binary user broadcast pushes (kind 3) are accepted")
    sizes, encoding, offset = data[1:6], data[6], 7
    parts = []
    for size in sizes:
        parts.append(data[offset : offset + size].decode())
        offset += size
    join_ref, ref, topic, user_event, metadata = parts
    body = data[offset:]
    if encoding != JSON_ENCODING:
        raise FrameError("binary (non-JSON) broadcast payloads are not supported by devstack")
    payload: dict[str, Any] = {"type": "broadcast", "event": user_event, "payload": json.loads(body or b"{}")}
    if metadata:
        payload["meta"] = json.loads(metadata)
    return Message(topic, "broadcast", payload, ref or None, join_ref or None)


def encode(vsn: str, message: Message) -> str:
    """A server text frame; 1.0.0 always carries every key, since supabase-py requires `ref`."""
    if vsn == VSN_1:
        return json.dumps(
            {
                "topic": message.topic,
                "event": message.event,
                "payload": message.payload,
                "ref": message.ref,
                "join_ref": message.join_ref,
            }
        )
    return json.dumps([message.join_ref, message.ref, message.topic, message.event, message.payload])


def reply(message: Message, status: str, response: dict[str, Any]) -> Message:
    """The `phx_reply` answering a client push."""
    return Message(
        message.topic, "phx_reply", {"status": status, "response": response}, message.ref, message.join_ref
    )
