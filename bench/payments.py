"""Verified, idempotent payment conversions per second, against lead intake measured in the same run.

Usage (from the repository root): .venv/bin/python -m bench.payments [--payments 1000] [--senders 8]

A scratch database, the payment sandbox (its own process) and the service under gunicorn (with
gunicorn.conf.py, as the Procfile starts it) run on free ports. Each payment is a real PhonePe v2 order
at the sandbox, paid with its webhook dropped; the bench then posts every order's signed webhook twice
(50% duplicates, shuffled) over `--senders` keep-alive connections, one request in flight on each. Every
webhook is verified, recorded once, confirmed with the order status API and applied under a row lock.
Then every webhook is sent again (all duplicates by then), as many bare requests (GET /health, one
`select 1`) and as many new leads to POST /public/leads. The senders are one event loop
writing pre-built requests (bench/http_load.py), so that the client takes as little as it can of the
cores the service runs on.

The scratch database logs every statement the service sends (log_statement = all, top-level statements
only: one line per round trip, triggers and function bodies not counted; without their parameters, which
would make logging a webhook dearer than logging a lead), so the bench also prints the statements per
webhook of the blast. It also prints the CPU each process group spent per conversion and per lead (read
from /proc), which moves far less with the machine's load than the rates do, and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import requests
import uvicorn
from psycopg import sql

from automation.config import load_settings
from automation.providers.payment_gateway import build_payment_gateway
from automation.providers.payments import Payer, PaymentLinkRequest
from bench.http_load import HttpConnection, build_request
from bench.process_cpu import Group, cpu_seconds, pids_of
from devstack import databases
from devstack.postgres import Cluster
from devstack.sandbox.app import create_sandbox
from devstack.sandbox.payments.credentials import payment_environment
from devstack.sandbox.payments.phonepe import webhook_authorization
from devstack.state import load_state
from tests.support.servers import bound_socket

ROOT = Path(__file__).resolve().parent.parent

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


LOG_STATEMENTS = sql.SQL("alter database {} set log_statement = 'all'")
LOG_NO_PARAMETERS = sql.SQL("alter database {} set log_parameter_max_length = 0")


def serve_sandbox(service_url: str, sock: socket.socket) -> None:
    uvicorn.Server(uvicorn.Config(create_sandbox(service_url), log_level="warning")).run(sockets=[sock])


def wait_until_up(url: str) -> None:
    for _ in range(400):
        try:
            requests.get(url, timeout=1)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not start")


def scratch_database(cluster: Cluster) -> str:
    name = f"bench_payments_{uuid.uuid4().hex[:8]}"
    databases.create_database(cluster, name)
    databases.bootstrap_database(cluster, name)
    databases.apply_pending(cluster.url(database=name))
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        # Each statement is logged to be counted; its parameters (a webhook's body, a rendered welcome)
        # are not, so that logging costs a webhook no more than a lead.
        for setting in (LOG_STATEMENTS, LOG_NO_PARAMETERS):
            conn.execute(setting.format(sql.Identifier(name)))
    return name


class StatementLog:
    """Counts the statements the cluster logged since `mark()` (the scratch database logs them all)."""

    def __init__(self, cluster: Cluster) -> None:
        self.path = cluster.data_dir.parent / "postgres.log"
        self.offset = 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size

    def count(self) -> int:
        with self.path.open("rb") as log:
            log.seek(self.offset)
            return sum(b"LOG:  statement: " in line or b"LOG:  execute " in line for line in log)


def service_environment(db_url: str, sandbox_url: str) -> dict[str, str]:
    return {
        **os.environ,
        **payment_environment(sandbox_url),
        "PAYMENTS_PROVIDER": "phonepe",
        "APP_ENV": "test",
        "SUPABASE_URL": "http://127.0.0.1:9",
        "SUPABASE_ANON_KEY": "bench",
        "SUPABASE_SERVICE_ROLE_KEY": "bench",
        "SUPABASE_JWT_SECRET": "bench-secret",
        "SUPABASE_DB_URL": db_url,
        "AUTOMATION_INTERNAL_SECRET": "bench",
        "DB_POOL_MAX_SIZE": "8",
        "LEAD_RATE_LIMIT_PER_MINUTE": "100000000",
        "LOG_LEVEL": "WARNING",
    }


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


def backends(cluster: Cluster, name: str) -> list[int]:
    """The server processes of the connections to database `name`."""
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        query = "select pid from pg_stat_activity where datname = %s"
        return [pid for (pid,) in conn.execute(query, (name,))]


def cpu_by_process(groups: dict[str, Group]) -> dict[str, dict[int, float]]:
    """CPU seconds so far of every process of every group, and of this process (the senders)."""
    found = {name: {pid: cpu_seconds(pid) for pid in pids_of(group)} for name, group in groups.items()}
    return {"senders": {os.getpid(): time.process_time()}, **found}


def cpu_spent(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict[str, float]:
    """CPU seconds each group spent in between; a process that started in between counts from zero."""
    return {
        name: sum(seconds - before[name].get(pid, 0.0) for pid, seconds in pids.items())
        for name, pids in after.items()
    }


def cpu_line(spent: dict[str, float], count: int) -> str:
    """Milliseconds of CPU per item by group, their sum, and the rate two busy cores would allow."""
    each = {name: 1000 * seconds / count for name, seconds in spent.items()}
    total = sum(each.values())
    parts = ", ".join(f"{name} {ms:.2f}" for name, ms in each.items())
    return f"{parts} = {total:.2f} ms (at most {2000 / total:.0f}/s on 2 cores)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=1000)
    parser.add_argument("--senders", type=int, default=8)
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
    service_port = service_sock.getsockname()[1]
    service_sock.close()
    # The web process exactly as the Procfile and ./scripts/run start it; its access log is discarded.
    web = subprocess.Popen(  # noqa: S603 (our own interpreter and fixed arguments)
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{service_port}", "--log-level", "warning", "automation.wsgi:app"],
        env=service_environment(db_url, sandbox_url), stdout=subprocess.DEVNULL,
    )  # fmt: skip
    groups = {"service": web.pid, "sandbox": sandbox.pid, "database": lambda: backends(cluster, name)}
    try:
        run(args, db_url, service_url, sandbox_url, statements=StatementLog(cluster), groups=groups)
    finally:
        web.terminate()
        web.wait(10)
        sandbox.terminate()
        databases.drop_database(cluster, name)


def run(
    args: argparse.Namespace,
    db_url: str,
    service_url: str,
    sandbox_url: str,
    *,
    statements: StatementLog,
    groups: dict[str, Group],
) -> None:
    wait_until_up(f"{service_url}/health")
    wait_until_up(f"{sandbox_url}/_sandbox/api/records?provider=phonepe")
    batch, course = str(uuid.uuid4()), str(uuid.uuid4())
    with psycopg.connect(db_url, autocommit=True) as conn:
        for statement in SEED.split(";")[:-1]:
            conn.execute(statement, {"n": args.payments, "batch": batch, "course": course})
    orders = open_orders(sandbox_url, db_url, batch, args.payments)
    service = urlsplit(service_url)
    webhooks = [webhook(service.netloc, order) for order in orders] * 2
    random.shuffle(webhooks)
    statements.mark()
    seconds, failures, spent = measured(groups, service.port, webhooks, args.senders)
    sent = statements.count()
    posted = f"{len(webhooks)} posted (50% duplicates) over {args.senders} connections in {seconds:.2f} s"
    print(f"payment webhooks: {posted}; load average {load_average()}")
    print(f"  conversions/s (unique payments converted): {args.payments / seconds:.0f}")
    print(f"  webhooks/s (every request, duplicates included): {len(webhooks) / seconds:.0f}")
    print(f"  {failures} non-2xx; {check(db_url)}")
    per = f"{sent / len(webhooks):.1f} per webhook, {sent / args.payments:.1f} per payment"
    print(f"  {sent} statements sent = {per}")
    print(f"  CPU per conversion (its webhook and its duplicate): {cpu_line(spent, args.payments)}")
    statements.mark()
    replay_seconds, replay_failures, spent = measured(groups, service.port, webhooks, args.senders)
    per = f"{statements.count() / len(webhooks):.1f} statements per webhook"
    print(
        f"replayed (every webhook again, all duplicates now): {len(webhooks) / replay_seconds:.0f} webhooks/s"
    )
    print(f"  {replay_failures} non-2xx; {per}; CPU per duplicate: {cpu_line(spent, len(webhooks))}")
    bare = [build_request("GET", "/health", service.netloc, {})] * len(webhooks)
    bare_seconds, bare_failures, spent = measured(groups, service.port, bare, args.senders)
    print(f"bare requests (GET /health: the same app, one select 1): {len(bare) / bare_seconds:.0f}/s")
    print(f"  {bare_failures} non-2xx; CPU per request: {cpu_line(spent, len(bare))}")
    leads = lead_requests(service.netloc, len(webhooks))
    lead_seconds, lead_failures, spent = measured(groups, service.port, leads, args.senders)
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
