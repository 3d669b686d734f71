"""Presence of one topic, kept the way Phoenix Presence shapes it: `{key: {metas: [...]}}` and diffs (E.7)."""

from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass, field
from typing import Any

_counter = itertools.count(1)


def new_ref() -> str:
    """A unique presence reference (Phoenix uses an encoded unique integer)."""
    return base64.urlsafe_b64encode(next(_counter).to_bytes(8, "big")).decode().rstrip("=")


def _state(entries: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for key, meta in entries:
        grouped.setdefault(key, {"metas": []})["metas"].append(meta)
    return grouped


@dataclass
class TopicPresence:
    """Who is present on a topic; each joined channel contributes at most one meta under its key."""

    metas: dict[int, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # channel id -> (key, meta)

    def state(self) -> dict[str, Any]:
        return _state(list(self.metas.values()))

    def track(self, channel_id: int, key: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Track or update; returns the `presence_diff` payload."""
        previous = self.metas.get(channel_id)
        meta = {**fields, "phx_ref": new_ref()}
        if previous:
            meta["phx_ref_prev"] = previous[1]["phx_ref"]
        self.metas[channel_id] = (key, meta)
        return {"joins": _state([(key, meta)]), "leaves": _state([previous] if previous else [])}

    def untrack(self, channel_id: int) -> dict[str, Any] | None:
        """Forget a channel's meta; returns the `presence_diff` payload, or None if it tracked nothing."""
        previous = self.metas.pop(channel_id, None)
        return {"joins": {}, "leaves": _state([previous])} if previous else None
