"""One joined channel: its topic, the claims it acts with, its bindings, and how to push to its socket."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from devstack.gateway.realtime.bindings import Binding
from devstack.gateway.realtime.protocol import Message

_ids = itertools.count(1)


@dataclass(eq=False)
class Channel:
    topic: str
    join_ref: str | None
    send: Callable[[Message], None]  # the owning connection's outbox
    token: str
    claims: dict[str, Any]
    bindings: list[Binding] = field(default_factory=list)
    self_broadcast: bool = False
    ack_broadcast: bool = False
    presence_key: str = ""
    presence_enabled: bool = False
    id: int = field(default_factory=lambda: next(_ids))
    expiry: asyncio.TimerHandle | None = None
    closed: bool = False

    @property
    def name(self) -> str:
        """The topic without the `realtime:` prefix, as Realtime reports it."""
        return self.topic.removeprefix("realtime:")

    @property
    def role(self) -> str:
        return str(self.claims["role"])

    def push(self, event: str, payload: dict[str, Any]) -> None:
        """A server push on this channel (carries the join ref so clients know it is current)."""
        self.send(Message(self.topic, event, payload, None, self.join_ref))

    def system(self, extension: str, status: str, message: str) -> None:
        self.push(
            "system", {"extension": extension, "status": status, "message": message, "channel": self.name}
        )

    def close(self) -> None:
        """`phx_close`: the channel is gone on the server side."""
        self.send(Message(self.topic, "phx_close", {}, self.join_ref, self.join_ref))
        self.closed = True
        self.cancel_expiry()

    def cancel_expiry(self) -> None:
        if self.expiry:
            self.expiry.cancel()
            self.expiry = None
