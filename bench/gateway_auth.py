"""Requests per second of the Auth token endpoint (password grant) through the devstack gateway.

Usage (from the repository root): .venv/bin/python -m bench.gateway_auth [--seconds 10] [--concurrency 8]

The gateway runs in its own process over a scratch database; a confirmed user signs in again and
again. Each sign-in checks one bcrypt hash of cost 10 (as GoTrue hashes), so the figure is bounded
by how many bcrypt checks the machine's cores do per second, which is printed alongside.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import socket
import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import bcrypt
import httpx
import uvicorn

from devstack import databases
from devstack.gateway.app import create_gateway
from devstack.gateway.settings import GatewaySettings
from devstack.postgres import Cluster
from devstack.state import load_state

PASSWORD = "bench password 123"  # noqa: S105 (a throwaway user of a scratch database)


def serve(settings: GatewaySettings, sock: socket.socket) -> None:
    uvicorn.Server(uvicorn.Config(create_gateway(settings), log_level="warning")).run(sockets=[sock])


def wait_until_up(url: str) -> None:
    for _ in range(200):
        try:
            if httpx.get(f"{url}/health").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError("the gateway did not start")


async def sign_in_loop(client: httpx.AsyncClient, email: str, deadline: float, latencies: list[float]) -> int:
    failures = 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        response = await client.post(
            "/auth/v1/token", params={"grant_type": "password"}, json={"email": email, "password": PASSWORD}
        )
        latencies.append(time.perf_counter() - started)
        failures += response.status_code != 200
    return failures


async def load(settings: GatewaySettings, email: str, seconds: float, concurrency: int) -> None:
    headers = {"apikey": settings.anon_key}
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=settings.public_url, headers=headers, limits=limits, timeout=60
    ) as client:
        started = time.perf_counter()
        deadline = started + seconds
        failures = sum(
            await asyncio.gather(
                *(sign_in_loop(client, email, deadline, latencies) for _ in range(concurrency))
            )
        )
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"token endpoint (password grant): {len(latencies) / elapsed:.1f} req/s over {elapsed:.1f} s,"
        f" concurrency {concurrency}, p50 {cuts[49] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms,"
        f" {failures} failed"
    )


def bcrypt_ceiling(seconds: float = 3.0) -> float:
    """bcrypt cost-10 checks per second with one thread per core: the ceiling of password sign-ins."""
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=10))
    workers = os.cpu_count() or 1

    def checks(deadline: float) -> int:
        done = 0
        while time.perf_counter() < deadline:
            bcrypt.checkpw(PASSWORD.encode(), hashed)
            done += 1
        return done

    deadline = time.perf_counter() + seconds
    with ThreadPoolExecutor(workers) as pool:
        total = sum(pool.map(checks, [deadline] * workers))
    return total / seconds


def create_user(settings: GatewaySettings) -> str:
    email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
    response = httpx.post(
        f"{settings.public_url}/auth/v1/admin/users",
        headers={"apikey": settings.service_role_key},
        json={"email": email, "password": PASSWORD, "email_confirm": True},
    )
    response.raise_for_status()
    return email


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    cluster = Cluster(load_state())
    cluster.start()
    database = f"bench_auth_{uuid.uuid4().hex[:8]}"
    databases.prepare(cluster, database, seed=False, fresh=True)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    settings = GatewaySettings.for_cluster(cluster, db_name=database, port=sock.getsockname()[1])
    server = multiprocessing.get_context("fork").Process(target=serve, args=(settings, sock), daemon=True)
    server.start()
    try:
        wait_until_up(settings.public_url)
        asyncio.run(load(settings, create_user(settings), args.seconds, args.concurrency))
        print(f"ceiling: {bcrypt_ceiling():.1f} bcrypt cost-10 checks/s on {os.cpu_count()} cores")
    finally:
        server.terminate()
        server.join()
        databases.drop_database(cluster, database)


if __name__ == "__main__":
    main()
