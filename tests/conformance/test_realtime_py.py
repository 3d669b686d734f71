"""supabase-py's async realtime client (vsn 1.0.0): changes, RLS, refresh, broadcast, presence."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import psycopg
from realtime import AsyncRealtimeChannel, AsyncRealtimeClient, RealtimeSubscribeStates

from tests.support.gateway import GatewayProcess
from tests.support.inbox import Inbox


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(test())


async def connect(gateway: GatewayProcess, token: str | None = None) -> AsyncRealtimeClient:
    client = AsyncRealtimeClient(f"{gateway.url}/realtime/v1", gateway.anon_key, max_retries=8)
    await client.connect()
    if token:
        await client.set_auth(token)
    return client


async def subscribed(channel: AsyncRealtimeChannel, system: Inbox | None = None) -> AsyncRealtimeChannel:
    """Subscribe and, with postgres bindings, wait for the `system` message that confirms them."""
    states = Inbox()
    if system is not None:
        channel.on_system(system)
    await channel.subscribe(states)
    assert states.items[-1][0] == RealtimeSubscribeStates.SUBSCRIBED, states.items
    if system is not None:
        await system.wait_for(lambda p: p.message == "Subscribed to PostgreSQL")
    return channel


async def watch(
    gateway: GatewayProcess, token: str, event: str, table: str, filter: str | None = None
) -> tuple[AsyncRealtimeClient, Inbox]:
    client = await connect(gateway, token)
    inbox = Inbox()
    channel = client.channel(f"watch-{uuid.uuid4().hex[:8]}")
    channel.on_postgres_changes(event, callback=inbox, table=table, filter=filter)
    await subscribed(channel, Inbox())
    return client, inbox


def data_of(item: Any) -> dict[str, Any]:
    return item["data"]


def test_insert_update_delete_arrive_shaped_as_supabase(
    gateway: GatewayProcess, sql: psycopg.Connection
) -> None:
    alice = str(uuid.uuid4())

    async def scenario() -> None:
        client, inbox = await watch(gateway, gateway.user_token(alice), "*", "rt_messages")
        (row_id,) = sql.execute(
            "insert into rt_messages (owner, body, tags, meta, amount) values (%s, 'hi', '{a,b c}', "
            """'{"n": 1}', 12.50) returning id""",
            (alice,),
        ).fetchone()
        inserted = data_of(await inbox.wait_for(lambda p: p["data"]["type"] == "INSERT"))
        assert inserted["record"]["id"] == row_id
        assert inserted["record"]["tags"] == ["a", "b c"]
        assert inserted["record"]["meta"] == {"n": 1}
        assert inserted["record"]["amount"] == 12.5
        assert inserted["record"]["sent_at"].endswith("+00:00")
        assert {"name": "tags", "type": "_text"} in inserted["columns"]
        assert {"name": "id", "type": "int8"} in inserted["columns"]
        assert inserted["commit_timestamp"].endswith("Z")
        assert inserted["errors"] is None
        sql.execute("update rt_messages set body = 'edited' where id = %s", (row_id,))
        updated = data_of(await inbox.wait_for(lambda p: p["data"]["type"] == "UPDATE"))
        assert updated["record"]["body"] == "edited"
        assert updated["old_record"] == {"id": row_id}
        sql.execute("delete from rt_messages where id = %s", (row_id,))
        deleted = data_of(await inbox.wait_for(lambda p: p["data"]["type"] == "DELETE"))
        assert deleted["old_record"] == {"id": row_id}, "RLS tables reveal only the key of a deleted row"
        await client.close()

    run(scenario)


def test_each_user_receives_only_the_rows_rls_lets_them_read(
    gateway: GatewayProcess, sql: psycopg.Connection
) -> None:
    alice, bob = str(uuid.uuid4()), str(uuid.uuid4())

    async def scenario() -> None:
        alice_client, alice_inbox = await watch(gateway, gateway.user_token(alice), "INSERT", "rt_messages")
        bob_client, bob_inbox = await watch(gateway, gateway.user_token(bob), "INSERT", "rt_messages")
        anon_client, anon_inbox = await watch(gateway, gateway.anon_key, "INSERT", "rt_messages")
        for owner, body in ((alice, "for alice"), (bob, "for bob"), (alice, "again alice")):
            sql.execute("insert into rt_messages (owner, body) values (%s, %s)", (owner, body))
        await alice_inbox.wait_for(lambda p: p["data"]["record"]["body"] == "again alice")
        await bob_inbox.wait_for(lambda p: p["data"]["record"]["body"] == "for bob")
        assert {p["data"]["record"]["owner"] for p in await alice_inbox.settle()} == {alice}
        assert {p["data"]["record"]["owner"] for p in bob_inbox.items} == {bob}
        assert anon_inbox.items == []
        for client in (alice_client, bob_client, anon_client):
            await client.close()

    run(scenario)


def test_filters_and_events_select_changes(gateway: GatewayProcess, sql: psycopg.Connection) -> None:
    async def scenario() -> None:
        client, high = await watch(gateway, gateway.anon_key, "INSERT", "rt_board", "score=gt.5")
        listed_channel = client.channel("listed")
        listed, updates = Inbox(), Inbox()
        listed_channel.on_postgres_changes("*", callback=listed, table="rt_board", filter="id=in.(101,103)")
        listed_channel.on_postgres_changes(
            "UPDATE", callback=updates, table="rt_board", filter="label=eq.done"
        )
        await subscribed(listed_channel, Inbox())
        sql.execute(
            "insert into rt_board (id, label, score) values (101, 'a', 1), (102, 'b', 9), (103, 'c', 3)"
        )
        sql.execute("update rt_board set label = 'done', done = true where id = 102")
        await high.wait_for(lambda p: p["data"]["record"]["id"] == 102)
        changed = data_of(await updates.wait_for(lambda p: True))
        assert changed["old_record"] == {"id": 102, "label": "b", "score": 9, "done": False}
        assert changed["record"]["done"] is True
        await listed.wait_for(lambda p: p["data"]["record"]["id"] == 103)
        assert {p["data"]["record"]["id"] for p in await listed.settle()} == {101, 103}
        assert [p["data"]["record"]["id"] for p in high.items] == [102]
        await client.close()

    run(scenario)


def test_refreshed_token_changes_what_the_channel_may_read(
    gateway: GatewayProcess, sql: psycopg.Connection
) -> None:
    alice, bob = str(uuid.uuid4()), str(uuid.uuid4())

    async def scenario() -> None:
        client, inbox = await watch(gateway, gateway.user_token(alice), "INSERT", "rt_messages")
        await client.set_auth(gateway.user_token(bob))
        await asyncio.sleep(0.5)  # the refresh is a fire-and-forget push, as in supabase-py
        sql.execute("insert into rt_messages (owner, body) values (%s, 'old identity')", (alice,))
        sql.execute("insert into rt_messages (owner, body) values (%s, 'new identity')", (bob,))
        await inbox.wait_for(lambda p: p["data"]["record"]["body"] == "new identity")
        assert [p["data"]["record"]["body"] for p in await inbox.settle()] == ["new identity"]
        await client.close()

    run(scenario)


def test_broadcast_reaches_others_and_self_only_when_asked(gateway: GatewayProcess) -> None:
    async def scenario() -> None:
        sender_client, listener_client = await connect(gateway), await connect(gateway)
        heard, echoed = Inbox(), Inbox()
        listener = listener_client.channel("typing")
        listener.on_broadcast("typing", heard)
        await subscribed(listener)
        sender = sender_client.channel("typing", {"config": {"broadcast": {"self": True, "ack": True}}})
        sender.on_broadcast("typing", echoed)
        await subscribed(sender)
        await sender.send_broadcast("typing", {"who": "alice"})
        assert (await heard.wait_for(lambda p: True))["payload"] == {"who": "alice"}
        assert (await echoed.wait_for(lambda p: True))["event"] == "typing"
        quiet = listener_client.channel("quiet")
        quiet_heard = Inbox()
        quiet.on_broadcast("*", quiet_heard)
        await subscribed(quiet)
        await quiet.send_broadcast("ping", {"n": 1})
        assert await quiet_heard.settle() == [], "no self broadcast unless config.broadcast.self"
        await sender_client.close()
        await listener_client.close()

    run(scenario)


def test_presence_track_and_untrack_reach_the_other_member(gateway: GatewayProcess) -> None:
    async def scenario() -> None:
        watcher_client, viewer_client = await connect(gateway), await connect(gateway)
        joins, leaves = Inbox(), Inbox()
        watcher = watcher_client.channel(
            "conversation-7", {"config": {"presence": {"key": "", "enabled": True}}}
        )
        watcher.on_presence_join(joins).on_presence_leave(leaves)
        await subscribed(watcher)
        viewer = viewer_client.channel(
            "conversation-7", {"config": {"presence": {"key": "agent-9", "enabled": True}}}
        )
        await subscribed(viewer)
        await viewer.track({"name": "Asha"})
        _key, _current, new = await joins.wait_for(lambda j: j[0] == "agent-9")
        assert new[0]["name"] == "Asha"
        assert new[0]["presence_ref"]
        assert watcher.presence_state()["agent-9"][0]["name"] == "Asha"
        await viewer.untrack()
        await leaves.wait_for(lambda j: j[0] == "agent-9")
        assert "agent-9" not in watcher.presence_state()
        await watcher_client.close()
        await viewer_client.close()

    run(scenario)
