"""The RLS lookup of postgres_changes when a policy raises for some subscribers' claims (E.5 step 5).

A failing lookup must cost only the subscribers whose claims make it fail: the others still receive
the change, and the feed goes on with the next one.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import psycopg
from websockets.asyncio.client import ClientConnection, connect

from tests.support.gateway import GatewayProcess

GUARDED = """
create table public.rt_guarded (id bigint generated always as identity primary key, body text not null);
alter table public.rt_guarded enable row level security;
create policy "readers without a broken tier read rows" on public.rt_guarded for select to authenticated
  using (id / (case when (select auth.jwt()) ->> 'tier' = 'broken' then 0 else 1 end) > 0);
alter publication supabase_realtime add table public.rt_guarded;
"""


async def subscribed(gateway: GatewayProcess, token: str) -> ClientConnection:
    url = f"ws://127.0.0.1:{gateway.port}/realtime/v1/websocket?apikey={gateway.anon_key}&vsn=2.0.0"
    ws = await connect(url)
    binding = {"event": "INSERT", "schema": "public", "table": "rt_guarded"}
    payload = {"config": {"postgres_changes": [binding]}, "access_token": token}
    await ws.send(json.dumps(["1", "1", "realtime:guarded", "phx_join", payload]))
    while json.loads(await asyncio.wait_for(ws.recv(), 15))[3] != "system":
        pass
    return ws


async def next_change(ws: ClientConnection) -> dict[str, Any]:
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), 15))
        if frame[3] == "postgres_changes":
            return frame[4]["data"]["record"]


def test_a_policy_failing_for_some_claims_hides_the_row_from_them_only(
    gateway: GatewayProcess, sql: psycopg.Connection
) -> None:
    sql.execute(GUARDED)

    async def scenario() -> None:
        reader = await subscribed(gateway, gateway.user_token(str(uuid.uuid4()), tier="gold"))
        broken = await subscribed(gateway, gateway.user_token(str(uuid.uuid4()), tier="broken"))
        for body in ("first", "second"):
            sql.execute("insert into public.rt_guarded (body) values (%s)", (body,))
            assert (await next_change(reader))["body"] == body
        # The feed queues a change for every channel at once, so anything meant for `broken` is queued
        # before the reply to a heartbeat sent now: read up to that reply.
        await broken.send(json.dumps([None, "hb", "phoenix", "heartbeat", {}]))
        events = []
        while not events or events[-1] != "phx_reply":
            events.append(json.loads(await asyncio.wait_for(broken.recv(), 15))[3])
        assert "postgres_changes" not in events
        await reader.close()
        await broken.close()

    asyncio.run(scenario())
