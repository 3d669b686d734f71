"""The loop that drains the slot and pushes each change to the channels allowed to see it, in commit order."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from itertools import groupby

import psycopg

from devstack.gateway.realtime.changes import rows
from devstack.gateway.realtime.changes.batch import Delivery, TableBatch
from devstack.gateway.realtime.changes.wal import Change, WalSlot
from devstack.gateway.realtime.hub import Hub

log = logging.getLogger(__name__)
POLL_INTERVAL = 0.005  # seconds between probes of an idle WAL (a probe costs one cheap query)
MAX_CHANGES = 1000  # per read (whole transactions, so a read may return more)
RECONNECT_DELAY = 1.0


class Feed:
    def __init__(self, hub: Hub, db_url: str) -> None:
        self.hub = hub
        self.db_url = db_url
        self.slot: WalSlot | None = None

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Feed]:
        """Hold the slot while the gateway runs; it is created before the first client can subscribe."""
        await self._open()
        task = asyncio.create_task(self._loop(), name="realtime feed")
        try:
            yield self
        finally:
            task.cancel()
            if self.slot:
                await self.slot.close()

    async def _open(self) -> None:
        self.slot = await WalSlot.create(self.db_url)
        await rows.prepare(self.slot.conn)

    async def _loop(self) -> None:
        while True:
            try:
                await self.step()
            except psycopg.OperationalError as error:
                log.warning("realtime: lost the replication connection (%s); reconnecting", error)
                await self._reconnect()

    async def step(self) -> None:
        """Read once; deliver what came, or rest when nothing did."""
        changes = await self._slot().take(MAX_CHANGES)
        if not changes:
            await asyncio.sleep(POLL_INTERVAL)
            return
        try:
            deliveries = await self.deliveries(changes)
        except psycopg.OperationalError:
            raise
        except psycopg.Error as error:
            log.error("realtime: dropped %d changes that could not be shaped: %s", len(changes), error)
            return
        for _position, channel, payload in sorted(deliveries, key=lambda d: d[0]):
            channel.push("postgres_changes", payload)

    async def deliveries(self, changes: list[Change]) -> list[Delivery]:
        channels = list(self.hub.change_subscribers())
        if not channels:
            return []
        numbered = sorted(enumerate(changes), key=lambda item: (item[1].schema, item[1].table, item[0]))
        out: list[Delivery] = []
        for (schema, table), group in groupby(numbered, key=lambda item: (item[1].schema, item[1].table)):
            out += await TableBatch(schema, table, list(group), channels).deliveries(self._slot().conn)
        return out

    def _slot(self) -> WalSlot:
        if self.slot is None:
            raise RuntimeError("the realtime feed is not running")
        return self.slot

    async def _reconnect(self) -> None:
        while True:
            await asyncio.sleep(RECONNECT_DELAY)
            try:
                if self.slot:
                    await self.slot.close()
                await self._open()
                return
            except psycopg.OperationalError as error:
                log.warning("realtime: database still unreachable (%s)", error)
