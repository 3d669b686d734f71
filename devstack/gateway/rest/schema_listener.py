"""Keep the schema snapshot current: load it on first use, reload on `NOTIFY pgrst, 'reload schema'`."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import psycopg
from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

from devstack.gateway.rest.schema_cache import Snapshot, load_snapshot

log = logging.getLogger(__name__)
RELOAD_PAYLOADS = ("reload schema", "")
RECONNECT_DELAY = 1.0


class SchemaCache:
    """The current snapshot of the exposed schemas, shared by every request."""

    def __init__(self, pool: AsyncConnectionPool, listen_url: str, schemas: tuple[str, ...]) -> None:
        self.pool = pool
        self.listen_url = listen_url
        self.schemas = schemas
        self._snapshot: Snapshot | None = None
        self._lock = asyncio.Lock()
        self._listener: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()

    async def current(self) -> Snapshot:
        """The snapshot; the first call starts the listener and loads the catalog."""
        snapshot = self._snapshot
        if snapshot is not None:
            return snapshot
        async with self._lock:
            if self._listener is None:
                self._listener = asyncio.create_task(self._listen())
                await self._listening.wait()
            if self._snapshot is None:
                await self.reload()
        return await self.current()

    async def reload(self) -> None:
        async with self.pool.connection() as conn:
            self._snapshot = await load_snapshot(conn, self.schemas)

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def _listen(self) -> None:
        """LISTEN on channel pgrst for the life of the gateway, reconnecting if the database goes away."""
        while True:
            try:
                async with await AsyncConnection.connect(self.listen_url, autocommit=True) as conn:
                    await conn.execute("listen pgrst")
                    self._listening.set()
                    async for notice in conn.notifies():
                        if notice.payload in RELOAD_PAYLOADS:
                            await self.reload()
            except psycopg.OperationalError as error:
                log.warning("schema cache listener lost its connection (%s); reconnecting", error)
                self._snapshot = None
                self._listening.set()
                await asyncio.sleep(RECONNECT_DELAY)
