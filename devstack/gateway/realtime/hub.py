"""Every joined channel by topic: fan-out of broadcasts and presence diffs; the change subscribers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from devstack.gateway.realtime.channel import Channel
from devstack.gateway.realtime.presence import TopicPresence
from devstack.gateway.realtime.protocol import Message


class Hub:
    def __init__(self) -> None:
        self.topics: dict[str, set[Channel]] = {}
        self.presence: dict[str, TopicPresence] = {}

    def add(self, channel: Channel) -> None:
        self.topics.setdefault(channel.topic, set()).add(channel)

    def sync_presence(self, channel: Channel) -> None:
        """`presence_state`: everyone present on the channel's topic, sent after its join."""
        channel.push("presence_state", self._presence(channel.topic).state())

    def remove(self, channel: Channel) -> None:
        """Forget a channel (left, closed or disconnected); others see its presence leave."""
        self.untrack(channel)
        members = self.topics.get(channel.topic, set())
        members.discard(channel)
        if not members:
            self.topics.pop(channel.topic, None)
            self.presence.pop(channel.topic, None)

    def broadcast(self, topic: str, payload: dict[str, Any], sender: Channel | None = None) -> int:
        """Deliver a user broadcast to the topic's channels (the sender only if it asked for `self`)."""
        message = Message(topic, "broadcast", payload)
        receivers = [c for c in self.topics.get(topic, ()) if c is not sender or c.self_broadcast]
        for channel in receivers:
            channel.send(message)
        return len(receivers)

    def track(self, channel: Channel, fields: dict[str, Any]) -> None:
        channel.presence_enabled = True
        self._diff(
            channel.topic, self._presence(channel.topic).track(channel.id, channel.presence_key, fields)
        )

    def untrack(self, channel: Channel) -> None:
        presence = self.presence.get(channel.topic)
        diff = presence.untrack(channel.id) if presence else None
        if diff:
            self._diff(channel.topic, diff)

    def change_subscribers(self) -> Iterator[Channel]:
        for members in self.topics.values():
            yield from (channel for channel in members if channel.bindings)

    def _presence(self, topic: str) -> TopicPresence:
        return self.presence.setdefault(topic, TopicPresence())

    def _diff(self, topic: str, diff: dict[str, Any]) -> None:
        for channel in self.topics.get(topic, ()):
            if channel.presence_enabled:
                channel.push("presence_diff", diff)
