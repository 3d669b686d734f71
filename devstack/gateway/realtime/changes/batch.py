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
        # Channels with equal claims share one RLS lookup; the key is made once per batch.
        self.claims_keys = {id(channel): rows.claims_key(channel.claims) for channel in self.channels}

    def _wanted(self, binding: Binding, action: str) -> bool:
        return binding.wants(self.schema, self.table, action)

    async def deliveries(self, conn: AsyncConnection) -> list[Delivery]:
        """Every (position, channel, payload) this table's changes produce, after filters and RLS."""
        if not self.channels:
            return []
        roles = sorted({channel.role for channel in self.channels})
        bindings = [b for c in self.channels for b in c.bindings if b.covers(self.schema, self.table)]
        filters = list(dict.fromkeys(b.filter for b in bindings if b.filter))
        images = [image for _, change in self.changes for image in (change.new, change.old)]
        groups = {self.claims_keys[id(c)]: c.claims for c in self.channels}
        lookups = [
            rows.describe(self.schema, self.table, roles),
            rows.typed_rows(self.schema, self.table, images, filters),
            *self._visibility(groups),
        ]
        info, typed, *visible = await rows.run_together(conn, lookups)
        if not info.columns:
            return []
        readers = dict(zip(groups, visible[0], strict=True)) if visible and info.rls else None
        return self._payloads(info, typed, filters, readers)

    def _visibility(self, groups: dict[str, dict[str, Any]]) -> list[rows.Lookup]:
        """The RLS lookup of the new rows per claims, unless no change has a new row to look up."""
        pk = self.changes[0][1].pk
        if not pk or all(c.action == "DELETE" for _, c in self.changes):
            return []
        images = [change.new for _, change in self.changes]
        asked = [{"role": claims["role"], "claims": claims} for claims in groups.values()]
        return [rows.readable(self.schema, self.table, pk, images, asked)]

    def _payloads(
        self,
        info: rows.TableInfo,
        typed: list[tuple[dict[str, Any], list[bool]]],
        filters: list[Filter],
        readers: dict[str, set[int]] | None,
    ) -> list[Delivery]:
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
            if checked and number not in readers[self.claims_keys[id(channel)]]:
                continue
            yield channel
