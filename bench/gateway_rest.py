"""Figures for the gateway's REST API (and Auth's password grant) against the same SQL through psycopg.

Not a test: prints requests/s, p50 and p99 per scenario, the CPU one request costs in the gateway,
in PostgreSQL and in the load client (which move far less than rates with the machine's load), the
gateway overhead at p50 and the machine's load average. Every scenario is driven by the same lean
HTTP client (bench/http_load.py) or, for the baseline, psycopg from the same loop. Usage:

    .venv/bin/python -m bench.gateway_rest [--seconds 8] [--concurrency 32] [--workers 2]
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
from dataclasses import dataclass, field
from pathlib import Path

import uvloop
from psycopg_pool import AsyncConnectionPool

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.http_load import HttpConnection, HttpError, build_request  # noqa: E402
from bench.process_cpu import Probe, postmaster_pid, probe  # noqa: E402
from devstack.gateway.app import create_gateway  # noqa: E402
from devstack.gateway.settings import GatewaySettings  # noqa: E402
from devstack.postgres import Cluster  # noqa: E402
from devstack.state import load_state  # noqa: E402
from tests.conformance.targets import library_database  # noqa: E402
from tests.support.databases import ensure_template  # noqa: E402
from tests.support.gateway import free_port  # noqa: E402

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
    cpu: dict[str, float]  # CPU seconds per group over the measured window

    def line(self) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000
        p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000
        rate = len(ordered) / self.seconds
        per_request = "  ".join(
            f"{group} {spent / len(ordered) * 1000:.2f}" for group, spent in self.cpu.items()
        )
        return (
            f"{self.name:<30} {rate:>6.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms"
            f"   CPU ms/request: {per_request}"
        )

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000


Call = Callable[[], Awaitable[None]]


async def hammer(name: str, calls: list[Call], seconds: float, cpu: Probe) -> Figures:
    """Run each call in a loop from its own task for `seconds` (after a one-second warm-up); keep
    each latency and the CPU each process group spent over the measured window."""
    latencies: list[float] = []
    stop = time.perf_counter() + seconds + 1.0
    measuring_from = time.perf_counter() + 1.0

    async def worker(call: Call) -> None:
        while (now := time.perf_counter()) < stop:
            await call()
            if now >= measuring_from:
                latencies.append(time.perf_counter() - now)

    async def window() -> dict[str, float]:
        await asyncio.sleep(1.0)
        before = cpu()
        await asyncio.sleep(seconds)
        return {group: spent - before[group] for group, spent in cpu().items()}

    spent, *_ = await asyncio.gather(window(), *(worker(call) for call in calls))
    return Figures(name, latencies, seconds, spent)


@dataclass
class HttpTarget:
    """Where the HTTP scenarios go, with the headers every request carries; closes what it opened."""

    port: int
    headers: dict[str, str]
    connections: list[HttpConnection] = field(default_factory=list)

    async def calls(
        self, count: int, target: Callable[[], str], method: str = "GET", body: object = None
    ) -> list[Call]:
        """`count` calls, each on a connection of its own."""
        host = f"127.0.0.1:{self.port}"
        calls = []
        for _ in range(count):
            connection = await HttpConnection.open("127.0.0.1", self.port)
            self.connections.append(connection)

            async def call(connection: HttpConnection = connection) -> None:
                status, answer = await connection.send(
                    build_request(method, target(), host, self.headers, body)
                )
                if status >= 300:
                    raise HttpError(f"{status}: {answer[:200]!r}")

            calls.append(call)
        return calls

    def close(self) -> None:
        for connection in self.connections:
            connection.close()


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
    """uvicorn serving the gateway with `workers` processes: yields (port, supervisor pid)."""
    port = free_port()
    env = {**os.environ, "BENCH_DB": database, "BENCH_PORT": str(port), "PYTHONPATH": str(REPO)}
    command = [
        sys.executable, "-m", "uvicorn", "bench.gateway_rest:gateway_app", "--factory", "--port", str(port),
        "--workers", str(workers), "--loop", "uvloop", "--http", "httptools", "--log-level", "warning",
        "--no-access-log",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=REPO)  # noqa: S603 (our own interpreter and module)
    try:
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


async def wait_ready(port: int) -> None:
    for _ in range(300):
        try:
            connection = await HttpConnection.open("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        status, _ = await connection.send(build_request("GET", "/health", f"127.0.0.1:{port}", {}))
        connection.close()
        if status == 200:
            return
    raise RuntimeError("the gateway did not start")


async def both_ways(
    name: str, calls: Callable[[int], Awaitable[list[Call]]], args: argparse.Namespace, cpu: Probe
) -> list[Figures]:
    """Throughput with many concurrent clients, then latency with one client at a time."""
    loaded = await hammer(f"{name} x{args.concurrency}", await calls(args.concurrency), args.seconds, cpu)
    single = await hammer(f"{name} x1", await calls(1), args.seconds / 2, cpu)
    return [loaded, single]


async def idle_shares(cpu: Probe, seconds: float = 3.0) -> dict[str, float]:
    """The share of a core each group uses while no request comes (the gateway's background pollers)."""
    before = cpu()
    await asyncio.sleep(seconds)
    return {group: (spent - before[group]) / seconds for group, spent in cpu().items()}


async def measure(
    args: argparse.Namespace, settings: GatewaySettings, db_url: str, port: int, cpu: Probe
) -> tuple[dict[str, float], list[Figures]]:
    ids = lambda: random.randint(1, BOOKS)  # noqa: E731
    await wait_ready(port)
    idle = await idle_shares(cpu)
    http = HttpTarget(port, {"apikey": settings.anon_key})
    by_id = lambda n: http.calls(n, lambda: f"/rest/v1/books?select=*&id=eq.{ids()}")  # noqa: E731
    results = await both_ways("gateway by id", by_id, args, cpu)
    page = lambda n: http.calls(n, lambda: f"/rest/v1/books?{PAGE_QUERY}")  # noqa: E731
    results += await both_ways("gateway page", page, args, cpu)
    http.close()
    results += await _token_figures(port, settings, args, cpu)
    async with AsyncConnectionPool(db_url, min_size=8, max_size=8, open=False) as pool:
        direct_by_id = lambda n: _repeated(n, sql_call(pool, DIRECT_BY_ID, lambda: (ids(),)))  # noqa: E731
        results += await both_ways("psycopg by id", direct_by_id, args, cpu)
        direct_page = lambda n: _repeated(n, sql_call(pool, DIRECT_PAGE, tuple))  # noqa: E731
        results += await both_ways("psycopg page", direct_page, args, cpu)
    return idle, results


async def _repeated(count: int, call: Call) -> list[Call]:
    return [call] * count


async def _token_figures(
    port: int, settings: GatewaySettings, args: argparse.Namespace, cpu: Probe
) -> list[Figures]:
    """Password grants of one confirmed user (one bcrypt check of cost 10 each)."""
    email, password = f"bench-{os.getpid()}@example.com", "bench-password-1"
    service = HttpTarget(
        port, {"apikey": settings.service_role_key, "authorization": f"Bearer {settings.service_role_key}"}
    )
    create = await service.calls(
        1,
        lambda: "/auth/v1/admin/users",
        "POST",
        {"email": email, "password": password, "email_confirm": True},
    )
    await create[0]()
    service.close()
    anon = HttpTarget(port, {"apikey": settings.anon_key})
    grants = await anon.calls(
        8, lambda: "/auth/v1/token?grant_type=password", "POST", {"email": email, "password": password}
    )
    figures = await hammer("gateway token (password) x8", grants, args.seconds, cpu)
    anon.close()
    return [figures]


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
        with gateway_processes(database, args.workers) as (port, supervisor):
            cpu = probe({"gateway": supervisor, "postgres": postmaster_pid(cluster.data_dir)})
            idle, results = uvloop.run(measure(args, settings, db_url, port, cpu))
        load_after = os.getloadavg()
    report(idle, results, args, (load_before[0], load_after[0]))


def report(
    idle: dict[str, float], results: list[Figures], args: argparse.Namespace, load: tuple[float, float]
) -> None:
    print(f"{os.cpu_count()} CPUs, {args.workers} gateway workers, {args.concurrency} concurrent clients")
    print(f"load average before {load[0]:.2f}, after {load[1]:.2f} (1 min)")
    shares = ", ".join(f"{group} {share:.0%}" for group, share in idle.items() if group != "client")
    print(f"idle, in shares of one core (included in the CPU per request below): {shares}")
    for figures in results:
        print(figures.line())
    by_name = {f.name: f for f in results}
    for scenario in ("by id", "page"):
        overhead = by_name[f"gateway {scenario} x1"].p50 - by_name[f"psycopg {scenario} x1"].p50
        print(f"gateway overhead at p50 ({scenario}, one client at a time): {overhead:.2f} ms")


if __name__ == "__main__":
    main()
