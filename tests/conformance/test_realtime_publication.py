"""postgres_changes come only from the supabase_realtime publication's tables and actions (E.5 step 1).

Changes arrive in commit order, so receiving a later change shows an earlier one was never sent.
"""

from __future__ import annotations

import asyncio

import psycopg

from tests.support.gateway import GatewayProcess
from tests.support.realtime import next_change, subscribed

TABLES = """
create table public.rt_unpublished (id int primary key);
create table public."rt odd.name*" (id int primary key);
alter publication supabase_realtime add table public."rt odd.name*";
"""


def watching(table: str) -> dict[str, str]:
    return {"event": "*", "schema": "public", "table": table}


def test_only_published_tables_and_actions_are_delivered(
    gateway: GatewayProcess, sql: psycopg.Connection
) -> None:
    sql.execute(TABLES)

    async def scenario() -> None:
        bindings = [watching("rt_unpublished"), watching("rt odd.name*"), watching("rt_board")]
        ws = await subscribed(gateway, gateway.service_role_key, bindings)
        sql.execute("insert into public.rt_unpublished values (1)")
        sql.execute('insert into public."rt odd.name*" values (2)')
        assert (await next_change(ws))["table"] == "rt odd.name*"  # a name wal2json needs escaped
        sql.execute("alter publication supabase_realtime set (publish = 'insert')")
        try:
            sql.execute("insert into public.rt_board (id, label) values (90, 'kept')")
            sql.execute("update public.rt_board set score = 1 where id = 90")
            sql.execute("insert into public.rt_board (id, label) values (91, 'after the update')")
            assert [(await next_change(ws))["record"]["id"] for _ in range(2)] == [90, 91]
        finally:
            sql.execute("alter publication supabase_realtime set (publish = 'insert, update, delete')")
        await ws.close()

    asyncio.run(scenario())
