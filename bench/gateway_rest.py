"""Figures for the gateway's REST API (and Auth's password grant) against the same SQL through psycopg.

Not a test: prints requests/s, p50 and p99 per scenario, the gateway overhead at p50 and the
machine's load average. Usage:

    .venv/bin/python bench/gateway_rest.py [--seconds 8] [--concurrency 32] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import uvloop
from psycopg_pool import AsyncConnectionPool

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from devstack.gateway.app import create_gateway  # noqa: E402
from devstack.gateway.settings import GatewaySettings  # noqa: E402
from devstack.postgres import Cluster  # noqa: E402
from devstack.state import load_state  # noqa: E402
from tests.conformance.targets import library_database  # noqa: E402
from tests.support.databases import ensure_template  # noqa: E402

BOOKS = 20_000
PAGE_QUERY = "select=id,title,pages,author:authors!author_id(name)&pages=gt.100&order=id.desc&limit=20"
DIRECT_BY_ID = "select coalesce(json_agg(t), '[]')::text from (select * from public.books where id = %s) t"
DIRECT_PAGE = """
select coalesce(json_agg(t), '[]')::text from (
  select b.id, b.title, b.pages, (select row_to_json(a) from (select name from public.authors
    where authors.id = b.author_id) a) as author
  from public.books b where b.pages > 100 order by b.id desc limit 20) t
"""


def gateway_app():  # type: ignore[no-untyped-def]
    """uvicorn factory for the worker processes: the gateway over the bench database."""
    cluster = Cluster(load_state())
    settings = GatewaySettings.for_cluster(
        cluster, db_name=os.environ["BENCH_DB"], port=int(os.environ["BENCH_PORT"])
    )
    return create_gateway(settings)


@dataclass
class Figures:
    name: str
    latencies: list[float]
    seconds: float

    def line(self) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000
        p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000
        rate = len(ordered) / self.seconds
        return f"{self.name:<34} {rate:>9.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms"

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000


async def hammer(name: str, call: Callable[[], Awaitable[None]], seconds: float, concurrency: int) -> Figures:
    """Run `call` from `concurrency` tasks for `seconds` (after a short warm-up); keep each latency."""
    latencies: list[float] = []
    stop = time.perf_counter() + seconds + 1.0
    measuring_from = time.perf_counter() + 1.0

    async def worker() -> None:
        while (now := time.perf_counter()) < stop:
            await call()
            if now >= measuring_from:
                latencies.append(time.perf_counter() - now)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Figures(name, latencies, seconds)


def http_call(
    session: aiohttp.ClientSession, url: Callable[[], str], **options: object
) -> Callable[[], Awaitable[None]]:
    async def call() -> None:
        async with session.request(
            options.get("method", "GET"), url(), **options.get("kwargs", {})
        ) as response:  # type: ignore[arg-type]
            await response.read()
            if response.status >= 300:
                raise RuntimeError(f"{response.status}: {await response.text()}")

    return call


def sql_call(
    pool: AsyncConnectionPool, query: str, params: Callable[[], tuple[object, ...]]
) -> Callable[[], Awaitable[None]]:
    async def call() -> None:
        async with pool.connection() as conn:
            await (await conn.execute(query, params())).fetchone()

    return call


def seed(db_url: str) -> None:
    """Enough books that an index matters: BOOKS rows spread over the fixture's authors."""
    import psycopg  # noqa: PLC0415 (only the seeding step needs the sync driver)

    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(
            "insert into public.books (title, author_id, pages) "
            "select 'Bench ' || g, 1 + g %% 4, g %% 500 from generate_series(1, %s) g",
            (BOOKS,),
        )
        conn.execute("analyze")


@contextmanager
def gateway_processes(database: str, workers: int):  # type: ignore[no-untyped-def]
    port = _free_port()
    env = {**os.environ, "BENCH_DB": database, "BENCH_PORT": str(port), "PYTHONPATH": str(REPO)}
    command = [
        sys.executable, "-m", "uvicorn", "bench.gateway_rest:gateway_app", "--factory", "--port", str(port),
        "--workers", str(workers), "--loop", "uvloop", "--http", "httptools", "--log-level", "warning",
        "--no-access-log",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=REPO)  # noqa: S603 (our own interpreter and module)
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def wait_ready(session: aiohttp.ClientSession, base: str) -> None:
    for _ in range(300):
        try:
            async with session.get(base + "/health") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.1)
    raise RuntimeError("the gateway did not start")


async def both_ways(
    name: str, call: Callable[[], Awaitable[None]], args: argparse.Namespace
) -> list[Figures]:
    """Throughput with many concurrent clients, then latency with one client at a time."""
    loaded = await hammer(f"{name} x{args.concurrency}", call, args.seconds, args.concurrency)
    single = await hammer(f"{name} x1", call, args.seconds / 2, 1)
    return [loaded, single]


async def measure(
    args: argparse.Namespace, settings: GatewaySettings, db_url: str, port: int
) -> list[Figures]:
    base = f"http://127.0.0.1:{port}"
    headers = {"apikey": settings.anon_key}
    ids = lambda: random.randint(1, BOOKS)  # noqa: E731
    results = []
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(base, headers=headers, connector=connector) as session:
        await wait_ready(session, base)
        by_id = http_call(session, lambda: f"/rest/v1/books?select=*&id=eq.{ids()}")
        results += await both_ways("gateway by id", by_id, args)
        page = http_call(session, lambda: f"/rest/v1/books?{PAGE_QUERY}")
        results += await both_ways("gateway page", page, args)
        results += await _token_figures(session, settings, args)
    async with AsyncConnectionPool(db_url, min_size=8, max_size=8, open=False) as pool:
        results += await both_ways("psycopg by id", sql_call(pool, DIRECT_BY_ID, lambda: (ids(),)), args)
        results += await both_ways("psycopg page", sql_call(pool, DIRECT_PAGE, tuple), args)
    return results


async def _token_figures(
    session: aiohttp.ClientSession, settings: GatewaySettings, args: argparse.Namespace
) -> list[Figures]:
    """Password grants, if this checkout's gateway serves Auth."""
    email, password = f"bench-{os.getpid()}@example.com", "bench-password-1"
    service = {"apikey": settings.service_role_key, "authorization": f"Bearer {settings.service_role_key}"}
    body = {"email": email, "password": password, "email_confirm": True}
    async with session.post("/auth/v1/admin/users", json=body, headers=service) as created:
        if created.status == 404:
            return []
    grant = {"method": "POST", "kwargs": {"json": {"email": email, "password": password}}}
    call = http_call(session, lambda: "/auth/v1/token?grant_type=password", **grant)
    return [await hammer("gateway token (password) x8", call, args.seconds, 8)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    cluster = Cluster(load_state())
    cluster.start()
    with library_database(cluster, ensure_template(cluster)) as database:
        db_url = cluster.url(database=database)
        seed(db_url)
        settings = GatewaySettings.for_cluster(cluster, db_name=database)
        load_before = os.getloadavg()
        with gateway_processes(database, args.workers) as port:
            results = uvloop.run(measure(args, settings, db_url, port))
        load_after = os.getloadavg()
    report(results, args, load_before, load_after)


def report(
    results: list[Figures], args: argparse.Namespace, before: tuple[float, ...], after: tuple[float, ...]
) -> None:
    print(f"{os.cpu_count()} CPUs, {args.workers} gateway workers, {args.concurrency} concurrent clients")
    print(f"load average before {before[0]:.2f}, after {after[0]:.2f} (1 min)")
    for figures in results:
        print(figures.line())
    by_name = {f.name: f for f in results}
    for scenario in ("by id", "page"):
        overhead = by_name[f"gateway {scenario} x1"].p50 - by_name[f"psycopg {scenario} x1"].p50
        print(f"gateway overhead at p50 ({scenario}, one client at a time): {overhead:.2f} ms")


if __name__ == "__main__":
    main()
