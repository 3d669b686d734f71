"""Outbox figures: messages/s from enqueue to provider-accepted with 1, 2 and 4 worker processes, and of
sending alone (everything enqueued before the workers start), each between two runs of a bare HTTP loop
and compared with their mean (the load of a shared machine moves between runs). The loop posts the email
the workers send to the same sandbox endpoint through the adapter's own HTTP session class, with as many
connections as a worker has sends in flight (OUTBOX_CONCURRENCY). Every run gets a fresh sandbox process,
with callbacks off. One lead per message, as a campaign sends, enqueued from 4 sessions at once. Each run
prints the CPU each part spent per message (sandbox, workers, database, the bench itself), read from
/proc, which moves far less with the load than messages/s. Then a run where one of two workers is killed
with SIGKILL while it holds claimed rows, counting duplicates and losses from the sandbox's records and
our rows: there the sandbox calls the service's webhooks back (after CALLBACK_DELAY_MS), served by this
process, so that a reclaimed email finds SendGrid's events if the killed worker's send was accepted, and the
workers wait IN_DOUBT_GRACE_SECONDS (OUTBOX_IN_DOUBT_GRACE_SECONDS, 10 minutes by default) for them.

Usage: .venv/bin/python -m bench.outbox [messages]   (default 3000; needs the devstack cluster:
python -m devstack db start)
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial

import psycopg
import requests

from automation import create_app
from automation.db import create_pool
from automation.messages.templates import render_email
from automation.outbox.enqueue import Recipient, enqueue_message
from automation.outbox.worker import OutboxWorker
from automation.providers import sendgrid
from automation.providers.bootstrap import bootstrap_providers
from automation.providers.http import ProviderSession
from automation.providers.ports import Email
from bench.process_cpu import Group, Probe, postmaster_pid, probe
from devstack import databases
from devstack.postgres import Cluster
from devstack.sandbox.app import create_sandbox, provider_environment
from devstack.sandbox.secrets import SecretSource
from devstack.state import load_state
from tests.support.databases import cloned_database, ensure_template
from tests.support.servers import bound_socket
from tests.support.settings import settings_for_tests
from tests.support.web_stack import serving_flask

SEED = "outbox-bench"
NO_CALLBACKS = {"webhook_delay_ms": 3_600_000}  # the bench measures sending; callbacks would share the CPU
NO_SERVICE = "http://127.0.0.1:9"
CALLBACK_DELAY_MS = 1000  # the kill run's callbacks: SendGrid posts events within seconds
IN_DOUBT_GRACE_SECONDS = 10.0  # the kill run's workers; short, so that the run ends soon
# The kill run's locks go stale after this: long enough that a live worker's rows are not taken from it while
# the service answers the callbacks on the same two cores (at 3 s, a fifth of all rows were).
KILL_STALE_SECONDS = 20.0
DELIVERED = "+delivered"  # the kill run's addresses: SendGrid's events stop at delivered (fewer callbacks)
ENQUEUE_CHUNK = 20
ENQUEUE_SESSIONS = 4
UNLIMITED = '{"sendgrid": {"per_second": 1000000, "burst": 1000000}}'
CONTEXT = {
    "center_name": "Bench Academy", "website": "https://bench.example", "support_email": "hi@bench.example",
    "support_phone": "+919800000000", "first_name": "Asha", "subject": "Hello", "body": "A short note.",
    "paragraphs": ["A short note."], "author_name": "Meera",
}  # fmt: skip


def settings_for(db_url: str, sandbox_url: str, **overrides: object):
    env = {k.lower(): v for k, v in provider_environment(SecretSource(SEED), sandbox_url).items()}
    return settings_for_tests(supabase_db_url=db_url, **env, **overrides)


def serve_sandbox(port: int, service_url: str) -> None:
    """Subprocess entry: the sandbox alone in its process, as in development, calling `service_url` back."""
    import uvicorn  # noqa: PLC0415 - only the subprocess needs it

    uvicorn.run(create_sandbox(service_url, secret=SEED), host="127.0.0.1", port=port, log_level="error")


def run_worker(db_url: str, sandbox_url: str, stale_seconds: str, grace_seconds: str) -> None:
    """Subprocess entry: one worker process sending until killed."""
    settings = settings_for(db_url, sandbox_url, outbox_stale_lock_seconds=float(stale_seconds),
                            outbox_in_doubt_grace_seconds=float(grace_seconds), outbox_poll_seconds=0.2,
                            db_pool_max_size=12)  # fmt: skip
    pool = create_pool(settings)
    pool.open()
    OutboxWorker(pool, bootstrap_providers(settings), settings).serve(threading.Event())


def start_sandbox(
    service_url: str = NO_SERVICE, behaviour: dict = NO_CALLBACKS
) -> tuple[subprocess.Popen, str]:
    sock = bound_socket()
    port = sock.getsockname()[1]
    sock.close()
    args = [sys.executable, "-m", "bench.outbox", "sandbox", str(port), service_url]
    process = subprocess.Popen(args)  # noqa: S603 - our own module
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # imports take long on a loaded machine
    while time.monotonic() < deadline:
        try:
            requests.put(f"{url}/_sandbox/api/behaviour", json=behaviour, timeout=1).raise_for_status()
            return process, url
        except requests.ConnectionError:
            time.sleep(0.05)
    stop([process])
    raise RuntimeError("the sandbox did not start")


@dataclass(frozen=True)
class Run:
    """Messages/s of one run, and the CPU milliseconds each part spent per message."""

    rate: float
    cpu_ms: dict[str, float]


def measure(count: int, cpu: Probe, work: Callable[[], None]) -> Run:
    before, started = cpu(), time.perf_counter()
    work()
    elapsed, after = time.perf_counter() - started, cpu()
    return Run(count / elapsed, {part: (after[part] - before[part]) * 1000 / count for part in before})


def bare_loop(sandbox_url: str, count: int, concurrency: int) -> None:
    """`concurrency` HTTP connections (as many as a worker's sends in flight), each a session of the
    adapter's own class with its headers, posting the body the workers send (the same rendered email, a
    message id of the same length) in a loop, `count` in all: the sandbox does the same work for both."""
    email_sender = bootstrap_providers(settings_for("postgresql://unused", sandbox_url)).email
    content = render_email("reply_to_contact", CONTEXT)
    email = Email(str(uuid.uuid4()), "lead00001@example.com", "Asha Rao", content.subject, content.text,
                  content.html)  # fmt: skip
    body = email_sender.body(email)

    def post(n: int) -> None:
        session = ProviderSession(sendgrid.PROVIDER, email_sender.session.base_url)
        session.headers.update(email_sender.session.headers)
        for _ in range(n):
            session.call("POST", sendgrid.SEND_PATH, json=body)

    shares = [count // concurrency + (i < count % concurrency) for i in range(concurrency)]
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(post, shares))


ADD_LEADS = """
insert into public.leads (full_name, email)
select 'Asha Rao', format('lead%%s%%s@example.com', to_char(n, 'FM00000'), %s::text)
  from generate_series(1, %s) n
returning id::text, email
"""


def add_leads(conn: psycopg.Connection, count: int, tag: str = "") -> list[Recipient]:
    """One lead per message, as a campaign or a sequence sends, added before the clock starts: messages to
    a single lead would all update one conversation row, a hot spot real traffic does not have. `tag` goes
    after the local part (the sandbox picks a message's outcome from it)."""
    rows = conn.execute(ADD_LEADS, (tag, count)).fetchall()
    return [Recipient("Asha Rao", lead_id=lead, email=email) for lead, email in rows]


def enqueue(conns: list[psycopg.Connection], recipients: list[Recipient], tag: str) -> None:
    """Enqueue as traffic does, from several sessions at once (as several web requests would), each in many
    small transactions (of ENQUEUE_CHUNK), so that sending starts at once. One session alone measured its
    own round trips: the workers waited for it."""
    shares = [list(enumerate(recipients))[n :: len(conns)] for n in range(len(conns))]

    def enqueue_share(conn: psycopg.Connection, share: list[tuple[int, Recipient]]) -> None:
        for start in range(0, len(share), ENQUEUE_CHUNK):
            with conn.transaction():
                for n, recipient in share[start : start + ENQUEUE_CHUNK]:
                    enqueue_message(conn, channel="email", template="reply_to_contact", recipient=recipient,
                                    context=CONTEXT, dedupe_key=f"{tag}:{n}")  # fmt: skip

    with ThreadPoolExecutor(len(conns)) as pool:
        list(pool.map(enqueue_share, conns, shares))


@contextmanager
def sessions(db_url: str, count: int = ENQUEUE_SESSIONS) -> Iterator[list[psycopg.Connection]]:
    """`count` autocommit connections, open until the end of the run so that their CPU is still counted."""
    with ExitStack() as stack:
        yield [stack.enter_context(psycopg.connect(db_url, autocommit=True)) for _ in range(count)]


# Each test stops at the first entry of a partial index: polling costs the database next to nothing.
UNFINISHED = """
select exists (select 1 from public.outbox where status = 'pending')
    or exists (select 1 from public.outbox where status = 'processing')
"""


def wait_sent(conn: psycopg.Connection, count: int, limit: float = 600) -> None:
    """Until no row is pending or in flight, polling on one connection; raises unless `count` were sent."""
    deadline = time.monotonic() + limit
    while conn.execute(UNFINISHED).fetchone()[0]:
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    done = conn.execute("select count(*) from public.outbox where status = 'sent'").fetchone()[0]
    if done != count:
        raise RuntimeError(f"only {done} of {count} sent")


LISTENING = (
    "select count(*) from pg_stat_activity where datname = current_database() and query = 'listen outbox'"
)


def wait_listeners(db_url: str, count: int) -> None:
    """Until exactly `count` sessions LISTEN (a killed worker's session takes a moment to end)."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        while conn.execute(LISTENING).fetchone()[0] != count:
            time.sleep(0.05)


def start_workers(
    db_url: str, sandbox_url: str, count: int, stale: float = 300, grace: float = 600
) -> list[subprocess.Popen]:
    """Start `count` worker processes and return once each LISTENs (imports done), before the clock starts."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        expected = conn.execute(LISTENING).fetchone()[0] + count
        args = [sys.executable, "-m", "bench.outbox", "worker", db_url, sandbox_url, str(stale), str(grace)]
        workers = [subprocess.Popen(args) for _ in range(count)]  # noqa: S603 - our own module
        deadline = time.monotonic() + 120
        while conn.execute(LISTENING).fetchone()[0] < expected:
            if time.monotonic() > deadline:
                raise RuntimeError("the outbox workers did not start")
            time.sleep(0.05)
    return workers


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        process.wait(30)


def prepared(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("update public.automation_settings set rate_limits = %s::jsonb", (UNLIMITED,))


def outbox_run(
    db_url: str, sandbox_url: str, workers: int, count: int, parts: dict[str, Group], *, enqueue_first: bool
) -> Run:
    """Time `count` emails from the start of enqueueing to the last one sent by `workers` processes; with
    `enqueue_first`, every email is enqueued before the workers start (sending alone)."""
    prepared(db_url)
    with sessions(db_url) as conns:
        recipients = add_leads(conns[0], count)
        if enqueue_first:  # due later, so that no worker starts on them before the last one is listening
            enqueue(conns, recipients, "first")
            conns[0].execute("update public.outbox set next_attempt_at = now() + interval '1 hour'")
        processes = start_workers(db_url, sandbox_url, workers)
        cpu = probe({**parts, "workers": lambda: [p.pid for p in processes]}, own="bench")

        def work() -> None:
            if enqueue_first:
                with conns[0].transaction():
                    conns[0].execute("update public.outbox set next_attempt_at = now()")
                    conns[0].execute("notify outbox")
            else:
                enqueue(conns, recipients, f"run{workers}")
            wait_sent(conns[0], count)

        try:
            return measure(count, cpu, work)
        finally:
            stop(processes)


def sandbox_ids(sandbox_url: str) -> Counter:
    params = {"provider": "sendgrid", "kind": "email"}
    records = requests.get(f"{sandbox_url}/_sandbox/api/records", params=params, timeout=60).json()
    return Counter(r["payload"]["custom_args"]["coachbase_message_id"] for r in records)


SENT = "select count(*) from public.outbox where status = 'sent'"
HOLDS = "select exists (select 1 from public.outbox where status = 'processing' and locked_by like %s)"


def kill_when_busy(conn: psycopg.Connection, victim: subprocess.Popen, after: int) -> None:
    """SIGKILL `victim` once `after` rows are sent and it holds claimed rows (its name holds its pid)."""
    holds = (f"%:{victim.pid}:%",)
    while conn.execute(SENT).fetchone()[0] < after or not conn.execute(HOLDS, holds).fetchone()[0]:
        if not conn.execute(UNFINISHED).fetchone()[0]:
            raise RuntimeError("every message went before the worker to kill held any")
        time.sleep(0.005)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()


def kill_run(db_url: str, sandbox_url: str, count: int) -> dict[str, int]:
    """Two workers; one gets SIGKILL a third of the way through, while it holds claimed rows (a worker
    killed while idle proves nothing); a third worker joins to reclaim. A reclaimed email whose send the
    provider accepted is found in SendGrid's events (echoing our message id) and recorded, not sent again;
    one without events waits IN_DOUBT_GRACE_SECONDS for them, then goes (decision 0580)."""
    prepared(db_url)
    with sessions(db_url) as conns:  # a backlog first, so that both workers are busy
        enqueue(conns, add_leads(conns[0], count, DELIVERED), "kill")
    workers = partial(
        start_workers, db_url, sandbox_url, stale=KILL_STALE_SECONDS, grace=IN_DOUBT_GRACE_SECONDS
    )
    processes = workers(2)
    try:
        with psycopg.connect(db_url, autocommit=True) as conn:
            kill_when_busy(conn, processes[0], count // 3)
            wait_listeners(db_url, 1)  # the killed worker's session is gone before the next one is counted
            processes += workers(1)
            wait_sent(conn, count)
    finally:
        stop(processes)
    ids = sandbox_ids(sandbox_url)
    with psycopg.connect(db_url) as conn:
        ours = {
            str(r[0]) for r in conn.execute("select crm_message_id from public.outbox where status = 'sent'")
        }
        retaken = conn.execute("select count(*) from public.outbox where attempts > 1").fetchone()[0]
        found = conn.execute("select count(*) from public.outbox where result ? 'found'").fetchone()[0]
    return {
        "enqueued": count, "rows sent": len(ours), "sandbox accepted": sum(ids.values()),
        "duplicates": sum(n - 1 for n in ids.values()), "most sends of one message": max(ids.values()),
        "losses": len(ours - set(ids)),
        "rows reclaimed": retaken, "found sent in the provider's events": found,
    }  # fmt: skip


@contextmanager
def fresh_sandbox(
    service_url: str = NO_SERVICE, behaviour: dict = NO_CALLBACKS
) -> Iterator[tuple[subprocess.Popen, str]]:
    """A sandbox process for one run alone: the sandbox keeps every record and every pending callback, so a
    long-lived one would spend more per request in later runs than in earlier ones."""
    process, url = start_sandbox(service_url, behaviour)
    try:
        yield process, url
    finally:
        stop([process])


def bare_figure(count: int, concurrency: int) -> Run:
    with fresh_sandbox() as (sandbox, url):
        return measure(
            count, probe({"sandbox": sandbox.pid}, own="bench"), lambda: bare_loop(url, count, concurrency)
        )


def outbox_figure(cluster: Cluster, template: str, workers: int, count: int, *, enqueue_first: bool) -> Run:
    postmaster = postmaster_pid(cluster.data_dir)
    with fresh_sandbox() as (sandbox, url), cloned_database(cluster, template) as name:
        parts: dict[str, Group] = {"sandbox": sandbox.pid, "database": postmaster}
        return outbox_run(cluster.url(database=name), url, workers, count, parts, enqueue_first=enqueue_first)


def main(count: int) -> None:
    cluster = Cluster(load_state())
    cluster.start()
    databases.ensure_roles(cluster)
    template = ensure_template(cluster)
    concurrency = settings_for("x", "x").outbox_concurrency
    print(f"{count} emails each; {concurrency} sends in flight per worker process and in the bare loop;")
    print("each outbox run between two bare loop runs, compared with their mean; CPU ms per message by")
    print("part (bench: this process, the bare loop or enqueueing and polling); a fresh sandbox each run")
    for workers in (1, 2, 4):
        for enqueue_first, label in ((False, "enqueue to sent"), (True, "sending alone")):
            before = bare_figure(count, concurrency)
            run = outbox_figure(cluster, template, workers, count, enqueue_first=enqueue_first)
            after = bare_figure(count, concurrency)
            bare = (before.rate + after.rate) / 2
            print(
                f"  {workers} worker(s), {label}: {run.rate:4.0f} msg/s = {run.rate / bare:4.0%} of the bare "
                f"loop ({before.rate:.0f} before, {after.rate:.0f} after); load {os.getloadavg()[0]:.1f}"
            )
            print(f"      CPU outbox {cpu_line(run)}; bare {cpu_line(after)}")
    killed = killed_figure(cluster, template, count)
    print(
        f"kill -9 run: callbacks after {CALLBACK_DELAY_MS} ms to the service served here; locks stale after"
    )
    grace = f"in-doubt grace set to {IN_DOUBT_GRACE_SECONDS:.0f} s (OUTBOX_IN_DOUBT_GRACE_SECONDS)"
    print(f"{KILL_STALE_SECONDS:.0f} s; {grace}")
    print("  ", ", ".join(f"{k} {v}" for k, v in killed.items()))
    print("load:", os.getloadavg())


def killed_figure(cluster: Cluster, template: str, count: int) -> dict[str, int]:
    """The kill run with the service's webhooks served in this process, called back by the sandbox."""
    sock = bound_socket()
    service_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with (
        cloned_database(cluster, template) as name,
        fresh_sandbox(service_url, {"webhook_delay_ms": CALLBACK_DELAY_MS}) as (_, url),
        serving_flask(create_app(settings_for(cluster.url(database=name), url)), sock),
    ):
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per callback otherwise
        return kill_run(cluster.url(database=name), url, count)


def cpu_line(run: Run) -> str:
    parts = ", ".join(f"{part} {ms:.2f}" for part, ms in run.cpu_ms.items())
    return f"{sum(run.cpu_ms.values()):.2f} ({parts})"


if __name__ == "__main__":
    if sys.argv[1:2] == ["sandbox"]:
        serve_sandbox(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1:2] == ["worker"]:
        run_worker(*sys.argv[2:6])
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
