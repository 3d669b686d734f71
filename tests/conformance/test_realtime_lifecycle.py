"""The gateway's replication slot lives exactly as long as the gateway, and clients rejoin after a restart."""

from __future__ import annotations

import asyncio
import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from devstack.postgres import Cluster
from tests.conformance.test_realtime_py import connect, subscribed
from tests.support.gateway import GatewayProcess
from tests.support.inbox import Inbox


@pytest.fixture
def own_gateway(cluster: Cluster, realtime_db: str, tmp_path: Path) -> Iterator[GatewayProcess]:
    """A gateway this test may stop, kill and restart."""
    process = GatewayProcess(realtime_db, cluster.state.jwt_secret, tmp_path / "gateway.log")
    process.start()
    yield process
    process.stop()


def slots_of(conn: psycopg.Connection, database: str) -> list[str]:
    rows = conn.execute("select slot_name from pg_replication_slots where database = %s", (database,))
    return [name for (name,) in rows]


def wait_until(condition, timeout: float = 15.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_crashed_gateway_leaves_no_slot_behind(
    own_gateway: GatewayProcess, sql: psycopg.Connection, realtime_db: str
) -> None:
    before = len(slots_of(sql, realtime_db))
    assert before >= 1, "the running gateway holds a slot"
    own_gateway.stop(signal.SIGKILL)
    assert wait_until(lambda: len(slots_of(sql, realtime_db)) == before - 1), slots_of(sql, realtime_db)
    own_gateway.start()
    assert len(slots_of(sql, realtime_db)) == before
    own_gateway.stop()
    assert wait_until(lambda: len(slots_of(sql, realtime_db)) == before - 1)


def test_supabase_py_rejoins_after_a_gateway_restart(
    own_gateway: GatewayProcess, sql: psycopg.Connection
) -> None:
    owner = str(uuid.uuid4())

    async def scenario() -> None:
        client = await connect(own_gateway, own_gateway.user_token(owner))
        inbox, system = Inbox(), Inbox()
        channel = client.channel("restart")
        channel.on_postgres_changes("INSERT", callback=inbox, table="rt_messages")
        await subscribed(channel, system)
        await asyncio.to_thread(own_gateway.stop)
        await asyncio.to_thread(own_gateway.start)
        await system.wait_for(
            lambda p: p is not system.items[0] and p.message == "Subscribed to PostgreSQL", 30
        )
        sql.execute("insert into rt_messages (owner, body) values (%s, 'after restart')", (owner,))
        await inbox.wait_for(lambda p: p["data"]["record"]["body"] == "after restart")
        await client.close()

    asyncio.run(scenario())
