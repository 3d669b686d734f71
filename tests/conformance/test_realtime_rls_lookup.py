"""The RLS lookup of postgres_changes when a policy raises for some subscribers' claims (E.5 step 5).

A failing lookup must cost only the subscribers whose claims make it fail: the others still receive
the change, and the feed goes on with the next one.
"""

from __future__ import annotations

import asyncio
import uuid

import psycopg

from tests.support.gateway import GatewayProcess
from tests.support.realtime import events_until_heartbeat_reply, next_change, subscribed

GUARDED = """
create table public.rt_guarded (id bigint generated always as identity primary key, body text not null);
alter table public.rt_guarded enable row level security;
create policy "readers without a broken tier read rows" on public.rt_guarded for select to authenticated
  using (id / (case when (select auth.jwt()) ->> 'tier' = 'broken' then 0 else 1 end) > 0);
alter publication supabase_realtime add table public.rt_guarded;
"""


BINDING = {"event": "INSERT", "schema": "public", "table": "rt_guarded"}


def test_a_policy_failing_for_some_claims_hides_the_row_from_them_only(
    gateway: GatewayProcess, sql: psycopg.Connection
) -> None:
    sql.execute(GUARDED)

    async def scenario() -> None:
        reader = await subscribed(gateway, gateway.user_token(str(uuid.uuid4()), tier="gold"), [BINDING])
        broken = await subscribed(gateway, gateway.user_token(str(uuid.uuid4()), tier="broken"), [BINDING])
        for body in ("first", "second"):
            sql.execute("insert into public.rt_guarded (body) values (%s)", (body,))
            assert (await next_change(reader))["record"]["body"] == body
        assert "postgres_changes" not in await events_until_heartbeat_reply(broken)
        await reader.close()
        await broken.close()

    asyncio.run(scenario())
