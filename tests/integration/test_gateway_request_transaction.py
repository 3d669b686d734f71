"""The gateway's implicit request transaction (reads and RPC): the caller's role and settings hold for
every statement of the block, read-only is enforced, the block commits or rolls back as a whole, and
nothing of it is left on the pooled connection for the next request."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo
from psycopg_pool import AsyncConnectionPool

from devstack.gateway.database import request_transaction

MARKS = "create table public.marks (n int); grant select, insert on public.marks to anon"
PROBE = (
    "select current_user::text, current_setting('transaction_read_only'),"
    " current_setting('request.method', true), current_setting('request.jwt.claims', true)"
)


def with_pool(db_url: str, work: Callable[[AsyncConnectionPool], Awaitable[Any]]) -> Any:
    """Run `work` against a one-connection pool logged in as authenticator, as the gateway's is."""

    async def run() -> Any:
        url = make_conninfo(db_url, user="authenticator", password="postgres")
        async with AsyncConnectionPool(url, min_size=1, max_size=1, kwargs={"autocommit": True}) as pool:
            return await work(pool)

    return asyncio.run(run())


def implicit(pool: AsyncConnectionPool, method: str = "GET", read_only: bool = True) -> Any:
    return request_transaction(
        pool,
        claims={"role": "anon", "iss": "test"},
        method=method,
        path="/marks",
        headers={"Accept": "application/json"},
        search_path="public, extensions",
        read_only=read_only,
        implicit=True,
    )


def test_statements_run_as_the_callers_role_and_nothing_is_left_on_the_connection(bare_supabase_db):
    async def work(pool: AsyncConnectionPool) -> tuple[Any, Any]:
        async with implicit(pool) as conn:
            inside = await conn.execute(PROBE)
        async with pool.connection() as conn:  # the same connection, as the next request gets it
            after = await (await conn.execute(PROBE)).fetchone()
        return await inside.fetchone(), after

    inside, after = with_pool(bare_supabase_db, work)
    assert inside == ("anon", "on", "GET", '{"role": "anon", "iss": "test"}')
    assert after[:2] == ("authenticator", "off")
    assert not after[2]
    assert not after[3]


def test_a_write_in_a_read_is_refused_and_the_connection_stays_usable(bare_supabase_db):
    with psycopg.connect(bare_supabase_db, autocommit=True) as admin:
        admin.execute(MARKS)

    async def work(pool: AsyncConnectionPool) -> Any:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            async with implicit(pool) as conn:
                await conn.execute("insert into public.marks values (1)")
        async with implicit(pool) as conn:
            count = await conn.execute("select count(*) from public.marks")
        return await count.fetchone()

    assert with_pool(bare_supabase_db, work) == (0,)


def test_the_block_commits_or_rolls_back_as_one_transaction(bare_supabase_db):
    with psycopg.connect(bare_supabase_db, autocommit=True) as admin:
        admin.execute(MARKS)

    async def insert_then_fail(pool: AsyncConnectionPool) -> None:
        async with implicit(pool, "POST", read_only=False) as conn:
            await conn.execute("insert into public.marks values (1)")
            await conn.execute("select 1 / 0")

    async def work(pool: AsyncConnectionPool) -> None:
        with pytest.raises(psycopg.errors.DivisionByZero):
            await insert_then_fail(pool)
        async with implicit(pool, "POST", read_only=False) as conn:
            await conn.execute("insert into public.marks values (2)")

    with_pool(bare_supabase_db, work)
    with psycopg.connect(bare_supabase_db) as admin:
        assert admin.execute("select array_agg(n) from public.marks").fetchone() == ([2],)
