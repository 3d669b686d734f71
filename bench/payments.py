"""Verified, idempotent payment conversions per second, against lead intake measured in the same run.

Usage (from the repository root): .venv/bin/python -m bench.payments [--payments 1000] [--senders 8]
                                      [--fill 2000] [--warm 200] [--waits]

A scratch database, the payment sandbox (its own process) and the service under gunicorn (with
gunicorn.conf.py, as the Procfile starts it) run on free ports. The database is a center in use first:
a first service converts `--fill` earlier payments (each webhook twice) and takes as many leads, then
VACUUM ANALYZE, then a fresh service (new sessions, planning with statistics) serves all that is measured
(decision 0651), after `--warm` conversions and leads of its own, so that the figures are those of a
service in its steady state rather than of its first seconds (decision 0660). `--waits` samples the
database sessions' wait events during the blast. Each payment is a real PhonePe v2 order at the
sandbox, paid with its webhook dropped; the bench then posts every order's signed webhook twice (50%
duplicates, shuffled) over `--senders` keep-alive connections, one request in flight on each. Every
webhook is verified, recorded once, confirmed with the order status API and applied under a row lock.
Then every webhook is sent again (all duplicates by then), as many bare requests (GET /health, one
`select 1`) and as many new leads to POST /public/leads. The senders are one event loop writing
pre-built requests (bench/http_load.py), so that the client takes as little as it can of the cores the
service runs on.

The first service's sessions log every statement they send (log_statement = all: one line per round trip,
triggers and function bodies not counted), so the bench prints the statements per webhook of the fill's
blast and of a replay of it; the measured service's sessions log nothing, as logging costs the database
CPU (about 3% of a conversion's). The bench also prints the CPU each process group spent per conversion
and per lead (read from /proc), which moves far less with the machine's load than the rates do, and the
load average.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from functools import partial
from typing import NamedTuple
from urllib.parse import urlsplit

import psycopg
import requests

from automation.config import load_settings
from automation.providers.payment_gateway import build_payment_gateway
from automation.providers.payments import Payer, PaymentLinkRequest
from bench.http_load import HttpConnection, build_request
from bench.payment_processes import (
    StatementLog,
    cpu_by_process,
    cpu_line,
    cpu_spent,
    scratch_database,
    serve_sandbox,
    service_environment,
    wait_until_up,
    web_service,
)
from bench.process_cpu import Group, database_backends
from bench.wait_events import WaitSampler
from devstack import databases
from devstack.postgres import Cluster
from devstack.sandbox.payments.phonepe import webhook_authorization
from devstack.state import load_state
from tests.support.servers import bound_socket

SEED = """
insert into public.courses (id, slug, title, price_paise)
values (%(course)s, 'bench', 'Bench Course', 1250000);
insert into public.batches (id, course_id, name, starts_on, status)
values (%(batch)s, %(course)s, 'Bench Batch', '2027-01-09', 'open');
insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
       'bench' || i || '@example.com', '{"provider": "email"}', now(), now()
  from generate_series(1, %(n)s) i;
insert into public.leads (full_name, email, phone, status)
select 'Bench Lead ' || i, 'bench' || i || '@example.com', '+9197' || lpad(i::text, 8, '0'), 'payment_sent'
  from generate_series(1, %(n)s) i;
"""
PAYMENT = """
insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise)
values ((select id from public.leads where email = %s), %s, 'phonepe', %s, 1250000)
"""


def open_orders(sandbox_url: str, db_url: str, batch: str, count: int) -> list[dict]:
    """Real PhonePe orders at the sandbox, each paid with its webhook dropped; their payments rows."""
    env = service_environment(db_url, sandbox_url)
    gateway = build_payment_gateway(load_settings(**{k.lower(): v for k, v in env.items() if k.isupper()}))

    def one(i: int) -> dict:
        reference = f"bench{uuid.uuid4().hex[:24]}"
        payer = Payer(f"Bench Lead {i}", f"bench{i}@example.com")
        link = gateway.create_link(
            PaymentLinkRequest(reference, 1250000, "Bench", payer, "http://x/r", "http://x/w")
        )
        requests.post(
            link.url, data={"outcome": "success", "webhook": "drop"}, allow_redirects=False, timeout=10
        )
        return {"email": payer.email, "reference": reference, "order_id": link.raw["orderId"]}

    with ThreadPoolExecutor(16) as pool:
        orders = list(pool.map(one, range(1, count + 1)))
    with psycopg.connect(db_url, autocommit=True) as conn:
        for order in orders:
            conn.execute(PAYMENT, (order["email"], batch, order["reference"]))
    return orders


def webhook(host: str, order: dict) -> bytes:
    """The signed checkout.order.completed request PhonePe would post for `order`."""
    attempt = {"transactionId": "T" + order["order_id"], "state": "COMPLETED"}
    payload = {"orderId": order["order_id"], "merchantOrderId": order["reference"], "state": "COMPLETED",
               "amount": 1250000, "paymentDetails": [attempt]}  # fmt: skip
    message = {"event": "checkout.order.completed", "payload": payload}
    signed = {"authorization": webhook_authorization()}
    return build_request("POST", "/webhooks/phonepe", host, signed, message)


def blast(port: int, requests_: list[bytes], senders: int) -> tuple[float, int]:
    """Send every prepared request over `senders` keep-alive connections, one request in flight on each,
    from one event loop (bench/http_load.py: a few microseconds of client CPU per request, where requests
    from threads took about a millisecond on the server's cores); returns (seconds, non-2xx answers)."""
    return asyncio.run(_blast(port, requests_, senders))


async def _blast(port: int, requests_: list[bytes], senders: int) -> tuple[float, int]:
    connections = [await HttpConnection.open("127.0.0.1", port) for _ in range(senders)]
    pending = iter(requests_)  # shared: a sender that gets quick answers takes more

    async def send(connection: HttpConnection) -> int:
        return sum([(await connection.send(request))[0] >= 300 for request in pending])

    started = time.perf_counter()
    failures = sum(await asyncio.gather(*(send(connection) for connection in connections)))
    seconds = time.perf_counter() - started
    for connection in connections:
        connection.close()
    return seconds, failures


def lead_requests(host: str, count: int) -> list[bytes]:
    """`count` form posts, each a new lead."""
    leads = (
        {"name": f"Intake {i}", "email": f"intake{i}-{uuid.uuid4().hex[:6]}@example.com"}
        for i in range(count)
    )
    return [build_request("POST", "/public/leads", host, {}, lead) for lead in leads]


def check(db_url: str) -> dict[str, int]:
    with psycopg.connect(db_url) as conn:
        one = lambda q: conn.execute(q).fetchone()[0]  # noqa: E731
        return {
            "paid": one("select count(*) from public.payments where status = 'paid'"),
            "enrollments": one("select count(*) from public.enrollments where status = 'active'"),
            "double_enrollments": one(
                "select count(*) from (select payment_id from public.enrollments"
                " group by 1 having count(*) > 1) d"
            ),
            "welcomes": one(
                "select count(*) from public.outbox where idempotency_key like 'student_welcome:%'"
            ),
            "webhook_events": one("select count(*) from public.webhook_events"),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=1000)
    parser.add_argument("--senders", type=int, default=8)
    parser.add_argument("--fill", type=int, default=2000, help="earlier conversions and leads (0: empty)")
    parser.add_argument("--warm", type=int, default=200, help="conversions and leads before measuring")
    parser.add_argument("--waits", action="store_true", help="sample the sessions' wait events")
    args = parser.parse_args()
    cluster = Cluster(load_state())
    cluster.start()
    name = scratch_database(cluster)
    db_url = cluster.url(database=name)
    service_sock, sandbox_sock = bound_socket(), bound_socket()
    service_url = f"http://127.0.0.1:{service_sock.getsockname()[1]}"
    sandbox_url = f"http://127.0.0.1:{sandbox_sock.getsockname()[1]}"
    sandbox = multiprocessing.Process(target=serve_sandbox, args=(service_url, sandbox_sock), daemon=True)
    sandbox.start()
    service_sock.close()  # each web service binds the same port, so the sandbox knows where it is
    try:
        wait_until_up(f"{sandbox_url}/_sandbox/api/records?provider=phonepe")
        orders = seeded_orders(db_url, sandbox_url, args.fill + args.warm + args.payments)
        stack = Stack(cluster, name, urlsplit(service_url).port, service_environment(db_url, sandbox_url))
        statements = fill(stack, orders[: args.fill], args.senders)
        with web_service(stack.port, stack.env) as web:
            warm(stack, orders[args.fill : args.fill + args.warm], args.senders)
            database = partial(database_backends, cluster, name)
            groups = {"service": web.pid, "sandbox": sandbox.pid, "database": database}
            run(args, stack, orders[args.fill + args.warm :], groups, statements)
    finally:
        sandbox.terminate()
        databases.drop_database(cluster, name)


def seeded_orders(db_url: str, sandbox_url: str, count: int) -> list[dict]:
    """`count` payers with an account and a lead, each with a payment of a real order paid at the sandbox."""
    batch, course = str(uuid.uuid4()), str(uuid.uuid4())
    with psycopg.connect(db_url, autocommit=True) as conn:
        for statement in SEED.split(";")[:-1]:
            conn.execute(statement, {"n": count, "batch": batch, "course": course})
    return open_orders(sandbox_url, db_url, batch, count)


class Statements(NamedTuple):
    """Statements the service sent in the fill: per conversion (its webhook and duplicate) and per
    webhook of the replay (every one a duplicate)."""

    per_conversion: float
    per_duplicate: float

    def lines(self) -> tuple[str, str]:
        return (f"{self.per_conversion / 2:.1f} per webhook, {self.per_conversion:.1f} per payment",
                f"{self.per_duplicate:.1f} per duplicate")  # fmt: skip


def fill(stack: Stack, orders: list[dict], senders: int) -> Statements | None:
    """A center in use: `orders` converted (each webhook twice), replayed, and as many leads taken, by a
    first web service whose statements are counted; then VACUUM ANALYZE, as autovacuum would have
    analyzed a production database. Its sessions end with it: the measured service's sessions plan with
    the statistics (0640: a session keeps the plans it made, and one made on an empty table scans it
    however large it grows) and log nothing."""
    if not orders:
        print("fill: none, the measured service starts on empty tables; statements not counted")
        return None
    log = StatementLog(stack.cluster, stack.name)
    with log.logging(), web_service(stack.port, stack.env):
        webhooks = shuffled_webhooks(stack.host, orders)
        log.mark()
        seconds, failures = blast(stack.port, webhooks, senders)
        per_conversion = log.count() / len(orders)
        log.mark()
        failures += blast(stack.port, webhooks, senders)[1]
        per_duplicate = log.count() / len(webhooks)
        failures += blast(stack.port, lead_requests(stack.host, len(orders)), senders)[1]
    with databases.admin_connect(stack.cluster, stack.name) as conn:
        conn.execute("vacuum analyze")
    print(f"fill: {len(orders)} earlier conversions ({len(webhooks)} webhooks, {seconds:.1f} s; replayed) "
          f"and {len(orders)} earlier leads through a first service ({failures} non-2xx), then VACUUM "
          f"ANALYZE and a fresh service; {check(stack.db_url)}")  # fmt: skip
    return Statements(per_conversion, per_duplicate)


def warm(stack: Stack, orders: list[dict], senders: int) -> None:
    """Convert `orders` and take as many leads through the service about to be measured: its pool opens
    its sessions and they plan the statements they will run, as in a service that has been up a while."""
    if orders:
        failures = blast(stack.port, shuffled_webhooks(stack.host, orders), senders)[1]
        failures += blast(stack.port, lead_requests(stack.host, len(orders)), senders)[1]
        print(f"warm-up: {len(orders)} conversions and {len(orders)} leads through the measured service "
              f"({failures} non-2xx)")  # fmt: skip


class Stack(NamedTuple):
    """The scratch database, and the port and environment of each web service run on it."""

    cluster: Cluster
    name: str
    port: int
    env: dict[str, str]

    @property
    def db_url(self) -> str:
        return self.cluster.url(database=self.name)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"


def shuffled_webhooks(host: str, orders: list[dict]) -> list[bytes]:
    """Every order's webhook twice (50% duplicates), shuffled."""
    webhooks = [webhook(host, order) for order in orders] * 2
    random.shuffle(webhooks)
    return webhooks


def run(
    args: argparse.Namespace,
    stack: Stack,
    orders: list[dict],
    groups: dict[str, Group],
    statements: Statements | None,
) -> None:
    host = stack.host
    webhooks = shuffled_webhooks(host, orders)
    with WaitSampler(stack.cluster, stack.name) if args.waits else nullcontext() as waits:
        seconds, failures, spent = measured(groups, stack.port, webhooks, args.senders)
    per_conversion, per_duplicate = statements.lines() if statements else ("not counted",) * 2
    posted = f"{len(webhooks)} posted (50% duplicates) over {args.senders} connections in {seconds:.2f} s"
    print(f"payment webhooks after a fill of {args.fill}: {posted}; load average {load_average()}")
    print(f"  conversions/s (unique payments converted): {args.payments / seconds:.0f}")
    print(f"  webhooks/s (every request, duplicates included): {len(webhooks) / seconds:.0f}")
    print(f"  {failures} non-2xx; {check(stack.db_url)}")
    print(f"  statements sent (counted in the fill): {per_conversion}")
    print(f"  CPU per conversion (its webhook and its duplicate): {cpu_line(spent, args.payments)}")
    if waits:
        print(f"  database sessions (sampled every 10 ms): {waits.summary()}")
    replay_seconds, replay_failures, spent = measured(groups, stack.port, webhooks, args.senders)
    print(
        f"replayed (every webhook again, all duplicates now): {len(webhooks) / replay_seconds:.0f} webhooks/s"
    )
    print(f"  {replay_failures} non-2xx; statements {per_duplicate}; "
          f"CPU per duplicate: {cpu_line(spent, len(webhooks))}")  # fmt: skip
    bare = [build_request("GET", "/health", host, {})] * len(webhooks)
    bare_seconds, bare_failures, spent = measured(groups, stack.port, bare, args.senders)
    print(f"bare requests (GET /health: the same app, one select 1): {len(bare) / bare_seconds:.0f}/s")
    print(f"  {bare_failures} non-2xx; CPU per request: {cpu_line(spent, len(bare))}")
    leads = lead_requests(host, len(webhooks))
    lead_seconds, lead_failures, spent = measured(groups, stack.port, leads, args.senders)
    rate = len(leads) / lead_seconds
    print(f"lead intake: {len(leads)} posted in {lead_seconds:.2f} s; load average {load_average()}")
    print(f"  leads/s: {rate:.0f}; webhooks/s ÷ leads/s: {len(webhooks) / seconds / rate:.2f}")
    print(f"  {lead_failures} non-2xx")
    print(f"  CPU per lead: {cpu_line(spent, len(leads))}")


def measured(
    groups: dict[str, Group], port: int, requests_: list[bytes], senders: int
) -> tuple[float, int, dict[str, float]]:
    """`blast`'s seconds and non-2xx answers, and the CPU seconds each process group spent meanwhile."""
    before = cpu_by_process(groups)
    seconds, failures = blast(port, requests_, senders)
    return seconds, failures, cpu_spent(before, cpu_by_process(groups))


def load_average() -> str:
    return " ".join(f"{figure:.1f}" for figure in os.getloadavg())


if __name__ == "__main__":
    main()
