"""Realtime figures: commit-to-delivery latency at 100 subscribers (half allowed by RLS), throughput.

Usage: .venv/bin/python -m bench.realtime   (needs the devstack cluster: python -m devstack db start)
Prints p50/p99 latency over every delivery and over each insert's first delivery, the CPU the gateway and
the bench's own clients used meanwhile, and the changes/s one subscriber receives, with the load average.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from websockets.asyncio.client import ClientConnection, connect

from bench.process_cpu import cpu_seconds
from devstack.postgres import Cluster
from devstack.state import load_state
from tests.support.databases import cloned_database, ensure_template
from tests.support.gateway import GatewayProcess

CLIENTS = 100
LATENCY_ROWS = 200
THROUGHPUT_ROWS = 10_000
SCHEMA = """
create table public.bench_events (
  id bigint generated always as identity primary key,
  audience int not null,
  body text not null
);
alter table public.bench_events enable row level security;
create policy "audience members read events" on public.bench_events for select to authenticated
  using (audience = ((select auth.jwt()) ->> 'audience')::int);
create table public.bench_stream (id bigint primary key, body text not null);
alter publication supabase_realtime add table public.bench_events, public.bench_stream;
"""


async def subscriber(gateway: GatewayProcess, token: str, table: str) -> ClientConnection:
    url = f"ws://127.0.0.1:{gateway.port}/realtime/v1/websocket?apikey={gateway.anon_key}&vsn=2.0.0"
    ws = await connect(url, max_queue=None)
    binding = {"event": "INSERT", "schema": "public", "table": table}
    payload = {"config": {"postgres_changes": [binding]}, "access_token": token}
    await ws.send(json.dumps(["1", "1", f"realtime:{table}", "phx_join", payload]))
    while json.loads(await ws.recv())[3] != "system":
        pass
    return ws


async def collect(ws: ClientConnection, arrivals: dict[int, float], until: int) -> None:
    """Record the arrival time of each row id until `until` rows arrived."""
    while len(arrivals) < until:
        frame = json.loads(await ws.recv())
        if frame[3] == "postgres_changes":
            arrivals[frame[4]["data"]["record"]["id"]] = time.perf_counter()


async def latency(gateway: GatewayProcess, db_url: str) -> None:
    audiences = [index % 2 for index in range(CLIENTS)]
    sockets = [
        await subscriber(gateway, gateway.user_token(str(uuid.uuid4()), audience=a), "bench_events")
        for a in audiences
    ]
    arrivals: list[dict[int, float]] = [{} for _ in sockets]
    tasks = [
        asyncio.create_task(collect(ws, seen, LATENCY_ROWS if a == 1 else 10**9))
        for ws, seen, a in zip(sockets, arrivals, audiences, strict=True)
    ]
    committed: dict[int, float] = {}
    cpu_before = (process_cpu(gateway), time.process_time(), time.perf_counter())
    async with await psycopg.AsyncConnection.connect(db_url, autocommit=True) as conn:
        for _ in range(LATENCY_ROWS):
            cursor = await conn.execute(
                "insert into bench_events (audience, body) values (1, 'x') returning id"
            )
            committed[(await cursor.fetchone())[0]] = time.perf_counter()
            await asyncio.sleep(0.02)
    await asyncio.wait_for(asyncio.gather(*(t for t, a in zip(tasks, audiences, strict=True) if a == 1)), 60)
    cpu_after = (process_cpu(gateway), time.process_time(), time.perf_counter())
    await asyncio.sleep(1)
    report_latency(committed, arrivals)
    leaked = sum(len(seen) for seen, a in zip(arrivals, audiences, strict=True) if a == 0)
    print(f"  rows delivered to subscribers RLS excludes: {leaked}")
    gateway_cpu, clients_cpu, wall = (end - start for end, start in zip(cpu_after, cpu_before, strict=True))
    print(f"  CPU meanwhile: gateway {gateway_cpu:.2f} s, the bench's own clients {clients_cpu:.2f} s"
          f" (over {wall:.1f} s)")  # fmt: skip
    for task in tasks:
        task.cancel()
    for ws in sockets:
        await ws.close()


def report_latency(committed: dict[int, float], arrivals: list[dict[int, float]]) -> None:
    """Every delivery's delay, and each insert's first delivery: the clients share one event loop here,
    so later deliveries of an insert also wait for this process to read the earlier ones."""
    delays = [(seen[i] - committed[i]) * 1000 for seen in arrivals for i in seen]
    firsts = [min(seen[i] for seen in arrivals if i in seen) - at for i, at in committed.items()]
    every, first = statistics.quantiles(delays, n=100), statistics.quantiles(firsts, n=100)
    print(f"latency: {len(delays)} deliveries of {LATENCY_ROWS} inserts to {CLIENTS} subscribers"
          " (50 allowed)")  # fmt: skip
    print(f"  p50 {every[49]:.1f} ms, p99 {every[98]:.1f} ms, max {max(delays):.1f} ms")
    print(f"  first delivery of each insert: p50 {first[49] * 1000:.1f} ms, p99 {first[98] * 1000:.1f} ms")


def process_cpu(gateway: GatewayProcess) -> float:
    """CPU seconds (user + system) the running gateway process has used so far."""
    if gateway.process is None:
        raise RuntimeError("the gateway is not running")
    return cpu_seconds(gateway.process.pid)


async def throughput(gateway: GatewayProcess, db_url: str) -> None:
    ws = await subscriber(gateway, gateway.service_role_key, "bench_stream")
    arrivals: dict[int, float] = {}
    receiving = asyncio.create_task(collect(ws, arrivals, THROUGHPUT_ROWS))
    start = time.perf_counter()
    async with await psycopg.AsyncConnection.connect(db_url, autocommit=True) as conn:
        for first in range(0, THROUGHPUT_ROWS, 100):
            await conn.execute(
                "insert into bench_stream select g, 'row ' || g from generate_series(%s::bigint, %s) g",
                (first, first + 99),
            )
    committed = time.perf_counter() - start
    await asyncio.wait_for(receiving, 120)
    elapsed = max(arrivals.values()) - start
    print(f"throughput: {len(arrivals)}/{THROUGHPUT_ROWS} changes reached one subscriber in {elapsed:.2f} s")
    print(f"  {len(arrivals) / elapsed:.0f} changes/s (inserts committed in {committed:.2f} s)")
    await ws.close()


async def main() -> None:
    cluster = Cluster(load_state())
    cluster.start()
    print(f"load average before: {os.getloadavg()}, cores: {os.cpu_count()}")
    with cloned_database(cluster, ensure_template(cluster)) as name:
        db_url = cluster.url(database=name)
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute(SCHEMA)
        gateway = GatewayProcess(name, cluster.state.jwt_secret, Path(tempfile.mkdtemp()) / "gateway.log")
        gateway.start()
        try:
            await latency(gateway, db_url)
            await throughput(gateway, db_url)
        finally:
            gateway.stop()
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    asyncio.run(main())
