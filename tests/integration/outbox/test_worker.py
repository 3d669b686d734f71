"""The worker sends what was enqueued through the sandbox and records the outcome on our rows."""

from __future__ import annotations

import threading
import time
from datetime import time as time_of_day

from automation.outbox import store
from automation.outbox.enqueue import enqueue_outgoing
from tests.integration.outbox.fixtures import insert_lead, recipient, welcome


def enqueue_welcome(conn, email="asha@example.com", phone="+919812345678") -> str:
    with conn.transaction():
        lead = insert_lead(conn, email, phone)
        for message in welcome(lead, email, phone):
            enqueue_outgoing(conn, message, recipient(lead, email, phone))
    return lead


def wait_until(done, seconds: float = 120.0) -> None:
    """Poll `done` until it holds; a bound on waiting, never an assertion about speed."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "the workers never finished"
        time.sleep(0.05)


def count(conn, where: str) -> int:
    return conn.execute(f"select count(*) from public.outbox where {where}").fetchone()[0]


def opt_out(conn, lead: str, channel: str) -> None:
    conn.execute(
        "insert into public.consents (lead_id, channel, state, source) values (%s, %s, 'opted_out', 'admin')",
        (lead, channel),
    )


def statuses(conn):
    return conn.execute(
        "select o.channel::text, o.status::text, m.status::text, o.skip_reason, m.error"
        " from public.outbox o join public.crm_messages m on m.id = o.crm_message_id order by o.channel"
    ).fetchall()


def test_the_welcome_messages_reach_each_provider_and_the_timeline_says_sent(outbox_db, make_worker, sandbox):
    enqueue_welcome(outbox_db)
    assert make_worker().run_once() == 3
    assert [s[:3] for s in statuses(outbox_db)] == [
        ("email", "sent", "sent"), ("whatsapp", "sent", "sent"), ("call", "sent", "sent")
    ]  # fmt: skip
    assert len(sandbox.records("sendgrid", "email")) == 1
    assert len(sandbox.records("aisensy")) == 1
    assert len(sandbox.records("bolna")) == 1
    logs = outbox_db.execute(
        "select (select count(*) from public.email_logs where provider_message_id is not null),"
        " (select count(*) from public.whatsapp_logs), (select count(*) from public.call_logs)"
    ).fetchone()
    assert logs == (1, 1, 1)


def test_an_opted_out_contact_gets_nothing_on_that_channel_and_the_timeline_says_why(
    outbox_db, make_worker, sandbox
):
    lead = enqueue_welcome(outbox_db)
    opt_out(outbox_db, lead, "whatsapp")
    make_worker().run_once()
    found = {row[0]: row[1:] for row in statuses(outbox_db)}
    reason = "the contact opted out of whatsapp"
    assert found["whatsapp"] == ("skipped", "failed", reason, f"Not sent: {reason}")
    assert sandbox.records("aisensy") == []
    assert found["email"][0] == found["call"][0] == "sent"


def test_a_worker_killed_between_claim_and_send_loses_nothing_and_sends_once(outbox_db, make_worker, sandbox):
    """Email and call wait out the grace period for evidence of a send that never happened, then go once;
    WhatsApp (no evidence to look for) goes again at once."""
    enqueue_welcome(outbox_db)
    with outbox_db.transaction():
        claimed = store.claim(outbox_db, "killed-worker", 10, stale_seconds=300)
    survivor = make_worker("survivor")
    assert (len(claimed), survivor.run_once()) == (3, 0)  # a fresh lock is respected
    outbox_db.execute("update public.outbox set locked_at = now() - interval '1 hour'")
    assert survivor.run_once() == 3
    assert [s[1] for s in statuses(outbox_db)] == ["pending", "sent", "pending"]
    assert count(outbox_db, "result->>'held' = 'checking whether it was sent' and attempts = 1") == 2
    assert sandbox.records("sendgrid", "email") == sandbox.records("bolna") == []
    outbox_db.execute(
        "update public.outbox set in_doubt_since = now() - interval '1 hour', next_attempt_at = now()"
    )
    assert survivor.run_once() == 2
    assert [s[1] for s in statuses(outbox_db)] == ["sent", "sent", "sent"]
    assert len(sandbox.records("sendgrid", "email")) == len(sandbox.records("bolna")) == 1
    assert len(sandbox.records("aisensy")) == 1
    assert survivor.run_once() == 0


def test_two_workers_at_once_send_every_message_exactly_once(outbox_db, make_worker, sandbox):
    for n in range(6):
        enqueue_welcome(outbox_db, f"student{n}@example.com", f"+9198123{n:05d}")
    stop = threading.Event()
    small = {"outbox_poll_seconds": 0.05, "outbox_batch_size": 3, "outbox_concurrency": 2}
    workers = [make_worker(name, **small) for name in ("a", "b")]
    threads = [threading.Thread(target=w.serve, args=(stop,)) for w in workers]
    for thread in threads:
        thread.start()
    wait_until(lambda: count(outbox_db, "status = 'sent'") == 18)
    stop.set()
    for thread in threads:
        thread.join()
    ids = [r["payload"]["custom_args"]["coachbase_message_id"] for r in sandbox.records("sendgrid", "email")]
    assert len(ids) == len(set(ids)) == 6
    assert len(sandbox.records("aisensy")) == len(sandbox.records("bolna")) == 6
    assert count(outbox_db, "attempts = 1 and locked_by is null") == 18


def test_failures_back_off_then_dead_letter_and_the_timeline_says_failed(outbox_db, make_worker, sandbox):
    enqueue_welcome(outbox_db, phone=None)
    outbox_db.execute("update public.outbox set max_attempts = 2")
    sandbox.behave(failure_rate=1.0)
    worker = make_worker()
    worker.run_once()
    assert (
        count(outbox_db, "status = 'pending' and attempts = 1 and next_attempt_at > now() + interval '20 s'")
        == 1
    )
    outbox_db.execute("update public.outbox set next_attempt_at = now()")
    worker.run_once()
    assert statuses(outbox_db)[0][:3] == ("email", "dead", "failed")
    assert "HTTP 500" in outbox_db.execute("select last_error from public.outbox").fetchone()[0]


def test_a_429_waits_at_least_its_retry_after(outbox_db, make_worker, sandbox):
    enqueue_welcome(outbox_db, phone=None)
    sandbox.behave(rate_limit_rate=1.0, retry_after_seconds=900)
    make_worker(outbox_backoff_base_seconds=1).run_once()
    assert count(outbox_db, "status = 'pending' and next_attempt_at >= now() + interval '890 s'") == 1
    assert count(outbox_db, "attempts = 0") == 1  # slowing down is not a failed attempt


def test_rate_limits_never_use_up_a_rows_attempts(outbox_db, make_worker, sandbox):
    enqueue_welcome(outbox_db, phone=None)
    outbox_db.execute("update public.outbox set attempts = max_attempts - 1")
    sandbox.behave(rate_limit_rate=1.0, retry_after_seconds=1)
    worker = make_worker(outbox_backoff_base_seconds=1)
    for _ in range(3):
        outbox_db.execute("update public.outbox set next_attempt_at = now()")
        worker.run_once()
    assert statuses(outbox_db)[0][:2] == ("email", "pending")


def test_outside_quiet_hours_whatsapp_and_calls_wait_for_the_morning_but_email_goes(
    outbox_db, make_worker, sandbox
):
    lead = enqueue_welcome(outbox_db)
    outbox_db.execute("update public.leads set timezone = 'Asia/Kolkata' where id = %s", (lead,))
    hour = outbox_db.execute("select extract(hour from now() at time zone 'Asia/Kolkata')::int").fetchone()[0]
    opens = time_of_day((hour + 2) % 24 if hour < 21 else 0)
    outbox_db.execute(
        "update public.automation_settings set quiet_hours_start = %s, quiet_hours_end = %s",
        (opens, time_of_day(opens.hour + 1)),
    )
    make_worker().run_once()
    found = {row[0]: row[1] for row in statuses(outbox_db)}
    assert found == {"email": "sent", "whatsapp": "pending", "call": "pending"}
    held = outbox_db.execute(
        "select distinct (next_attempt_at at time zone 'Asia/Kolkata')::time, attempts from public.outbox"
        " where status = 'pending'"
    ).fetchall()
    assert held == [(opens, 0)]
    assert sandbox.records("aisensy") == sandbox.records("bolna") == []


def test_calls_wait_while_bolnas_concurrency_cap_is_reached(outbox_db, make_worker, sandbox):
    enqueue_welcome(outbox_db, email=None)
    no_calls = '{"bolna": {"per_second": 100, "concurrency": 0}}'
    outbox_db.execute(
        "update public.automation_settings set rate_limits = rate_limits || %s::jsonb", (no_calls,)
    )
    make_worker().run_once()
    assert {row[0]: row[1] for row in statuses(outbox_db)} == {"whatsapp": "sent", "call": "pending"}
    assert sandbox.records("bolna") == []


def test_a_row_nobody_can_send_is_dead_lettered_with_the_reason(outbox_db, make_worker):
    outbox_db.execute(
        "insert into public.outbox (channel, operation, idempotency_key, payload)"
        " values ('meetings', 'teleport', 'nobody-handles-this', '{}')"
    )
    make_worker().run_once()
    status, error = outbox_db.execute("select status::text, last_error from public.outbox").fetchone()
    assert status == "dead"
    assert "no outbox handler for meetings/teleport" in error
