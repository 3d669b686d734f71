"""The worker behind devstack's pg_net: performs queued `net.http_*` requests and records the responses.

On Supabase a background worker inside PostgreSQL does this; locally it runs with the gateway. Requests
are claimed with SKIP LOCKED and deleted from the queue, as pg_net does, so two workers never send twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import psycopg
from psycopg import AsyncConnection
from psycopg.types.json import Jsonb

log = logging.getLogger(__name__)
CHANNEL = "devstack_pg_net"  # what net.wake() notifies
IDLE_WAIT = 1.0  # seconds between polls when nobody calls net.wake()
BATCH = 50
CLAIM = """
delete from net.http_request_queue
 where id in (select id from net.http_request_queue order by id limit %s for update skip locked)
returning id, method, url, headers, body, timeout_milliseconds
"""
RECORD = """
insert into net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg)
values (%s, %s, %s, %s, %s, %s, %s)
"""


@dataclass(frozen=True)
class Request:
    id: int
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None
    timeout_milliseconds: int


@dataclass(frozen=True)
class Outcome:
    status_code: int | None = None
    content_type: str | None = None
    headers: dict[str, str] | None = None
    content: str | None = None
    timed_out: bool = False
    error_msg: str | None = None


async def perform(client: httpx.AsyncClient, request: Request) -> Outcome:
    """One request with its own deadline; transport failures become the recorded error, as in pg_net."""
    try:
        response = await client.request(
            request.method.upper(),
            request.url,
            headers=request.headers,
            content=request.body,
            timeout=request.timeout_milliseconds / 1000,
        )
    except httpx.TimeoutException:
        return Outcome(timed_out=True, error_msg=f"Timeout of {request.timeout_milliseconds} ms reached")
    except httpx.HTTPError as error:
        return Outcome(error_msg=str(error) or type(error).__name__)
    return Outcome(
        response.status_code, response.headers.get("content-type"), dict(response.headers), response.text
    )


class NetWorker:
    def __init__(self, db_url: str) -> None:
        self.db_url = db_url

    @asynccontextmanager
    async def running(self) -> AsyncIterator[NetWorker]:
        task = asyncio.create_task(self._loop(), name="pg_net worker")
        try:
            yield self
        finally:
            task.cancel()

    async def _loop(self) -> None:
        while True:
            try:
                await self._serve()
            except psycopg.OperationalError as error:
                log.warning("pg_net worker: database connection lost (%s); retrying", error)
                await asyncio.sleep(IDLE_WAIT)

    async def _serve(self) -> None:
        async with (
            await AsyncConnection.connect(self.db_url, autocommit=True) as conn,
            httpx.AsyncClient(follow_redirects=True) as client,
        ):
            if not await self._has_pg_net(conn):
                return await asyncio.Event().wait()  # this database never enabled pg_net
            await conn.execute(f"listen {CHANNEL}")
            while True:
                requests = await self._claim(conn)
                for request, outcome in zip(
                    requests, await asyncio.gather(*(perform(client, r) for r in requests)), strict=True
                ):
                    await self._record(conn, request, outcome)
                if len(requests) < BATCH:
                    async for _ in conn.notifies(timeout=IDLE_WAIT, stop_after=1):
                        pass

    @staticmethod
    async def _has_pg_net(conn: AsyncConnection) -> bool:
        found = await conn.execute("select to_regclass('net.http_request_queue') is not null")
        return bool((await found.fetchone() or [False])[0])

    @staticmethod
    async def _claim(conn: AsyncConnection) -> list[Request]:
        rows = await (await conn.execute(CLAIM, (BATCH,))).fetchall()
        return [
            Request(i, m, u, dict(h or {}), bytes(b) if b is not None else None, t)
            for i, m, u, h, b, t in rows
        ]

    @staticmethod
    async def _record(conn: AsyncConnection, request: Request, outcome: Outcome) -> None:
        headers = Jsonb(outcome.headers) if outcome.headers is not None else None
        await conn.execute(
            RECORD,
            (request.id, outcome.status_code, outcome.content_type, headers, outcome.content,
             outcome.timed_out, outcome.error_msg),
        )  # fmt: skip
