"""One table's share of a WAL batch: which subscriber gets which change, and with what payload."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from psycopg import AsyncConnection

from devstack.gateway.realtime.bindings import Binding, Filter
from devstack.gateway.realtime.changes import rows
from devstack.gateway.realtime.changes.payloads import change_data
from devstack.gateway.realtime.changes.wal import Change
from devstack.gateway.realtime.channel import Channel

Delivery = tuple[int, Channel, dict[str, Any]]  # (position in the batch, channel, message payload)


class TableBatch:
    def __init__(self, schema: str, table: str, changes: list[tuple[int, Change]], channels: list[Channel]):
        self.schema, self.table, self.changes = schema, table, changes
        actions = {change.action for _, change in changes}
        self.channels = [c for c in channels if any(self._wanted(b, a) for b in c.bindings for a in actions)]

    def _wanted(self, binding: Binding, action: str) -> bool:
        return binding.wants(self.schema, self.table, action)

    async def deliveries(self, conn: AsyncConnection) -> list[Delivery]:
        """Every (position, channel, payload) this table's changes produce, after filters and RLS."""
        if not self.channels:
            return []
        roles = sorted({channel.role for channel in self.channels})
        info = await rows.describe(conn, self.schema, self.table, roles)
        if not info.columns:
            return []
        bindings = [b for c in self.channels for b in c.bindings if b.covers(self.schema, self.table)]
        filters = list(dict.fromkeys(b.filter for b in bindings if b.filter))
        images = [image for _, change in self.changes for image in (change.new, change.old)]
        typed = await rows.typed_rows(conn, self.schema, self.table, images, filters)
        readers = await self._readers(conn, info.rls)
        out: list[Delivery] = []
        for number, (position, change) in enumerate(self.changes):
            (new, new_verdicts), (old, old_verdicts) = typed[2 * number], typed[2 * number + 1]
            verdicts = dict(
                zip(filters, old_verdicts if change.action == "DELETE" else new_verdicts, strict=True)
            )
            payloads: dict[str, dict[str, Any]] = {}
            for channel in self._receivers(change, number, verdicts, readers):
                data = payloads.get(channel.role) or change_data(change, info, channel.role, new, old)
                payloads[channel.role] = data
                out.append((position, channel, {"ids": self._ids(channel, change, verdicts), "data": data}))
        return out

    def _ids(self, channel: Channel, change: Change, verdicts: dict[Filter, bool]) -> list[int]:
        return [
            b.id
            for b in channel.bindings
            if self._wanted(b, change.action) and (b.filter is None or verdicts[b.filter])
        ]

    def _receivers(
        self, change: Change, number: int, verdicts: dict[Filter, bool], readers: dict[str, set[int]] | None
    ) -> Iterator[Channel]:
        for channel in self.channels:
            if not self._ids(channel, change, verdicts):
                continue
            checked = readers is not None and change.action != "DELETE"
            if checked and number not in readers[rows.claims_key(channel.claims)]:
                continue
            yield channel

    async def _readers(self, conn: AsyncConnection, rls: bool) -> dict[str, set[int]] | None:
        """Per claims: the changes (by number) whose new row RLS lets them read; None without RLS."""
        pk = self.changes[0][1].pk
        if not rls or not pk or all(c.action == "DELETE" for _, c in self.changes):
            return None
        groups = {rows.claims_key(c.claims): c.claims for c in self.channels}
        images = [change.new for _, change in self.changes]
        asked = [{"role": claims["role"], "claims": claims} for claims in groups.values()]
        seen = await rows.readable(
            conn, schema=self.schema, table=self.table, pk=pk, images=images, groups=asked
        )
        return dict(zip(groups, seen, strict=True))
