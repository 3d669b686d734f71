"""A 429 pauses that provider in its shared bucket: every worker holds its other messages until Retry-After
(at most an hour, a minute without one) without counting an attempt; other providers go on (decision 0695)."""

from __future__ import annotations

from tests.integration.outbox.test_worker import count, enqueue_welcome

HELD = "status = 'pending' and attempts = 0 and result->>'held' = 'sendgrid rate limit'"
PAUSE_ENDED = (
    "update private.send_rate_buckets set paused_until = now() - interval '1 s',"
    " refilled_at = now() - interval '1 s' where provider = 'sendgrid'"
)


def seconds(conn, query: str, *params) -> float:
    return float(conn.execute(query, params).fetchone()[0])


def test_a_429_holds_every_workers_messages_to_that_provider_until_its_retry_after(
    outbox_db, make_worker, sandbox
):
    enqueue_welcome(outbox_db, "first@example.com", phone=None)
    sandbox.behave(rate_limit_rate=1.0, retry_after_seconds=900)
    make_worker("a").run_once()
    sandbox.behave(rate_limit_rate=0.0)
    enqueue_welcome(outbox_db, "second@example.com", phone="+919812345678")
    make_worker("b", outbox_backoff_base_seconds=1).run_once()
    assert sandbox.records("sendgrid", "email") == []
    assert count(outbox_db, HELD + " and next_attempt_at > now() + interval '890 s'") == 1
    assert len(sandbox.records("aisensy")) == len(sandbox.records("bolna")) == 1
    outbox_db.execute(PAUSE_ENDED)
    outbox_db.execute("update public.outbox set next_attempt_at = now() where status = 'pending'")
    make_worker("c").run_once()
    assert len(sandbox.records("sendgrid", "email")) == 2


def test_a_pause_lasts_at_most_an_hour(outbox_db, make_worker, sandbox):
    enqueue_welcome(outbox_db, phone=None)
    sandbox.behave(rate_limit_rate=1.0, retry_after_seconds=86_400)
    make_worker(outbox_backoff_base_seconds=1).run_once()
    due = "select extract(epoch from next_attempt_at - now()) from public.outbox"
    assert 3500 < seconds(outbox_db, due) < 3601
    paused = "select extract(epoch from paused_until - now()) from private.send_rate_buckets"
    paused += " where provider = %s"
    assert 3500 < seconds(outbox_db, paused, "sendgrid") < 3601


def test_a_pause_defaults_to_a_minute_and_is_never_shortened(outbox_db):
    pause = "select extract(epoch from private.pause_sends(%s, %s) - now())"
    assert 55 < seconds(outbox_db, pause, "aisensy", None) < 61
    assert 55 < seconds(outbox_db, pause, "aisensy", 5) < 61
    tokens = "select granted, wait_seconds from private.take_send_tokens('aisensy', 1000, 1000, 10)"
    granted, wait = outbox_db.execute(tokens).fetchone()
    assert granted == 0
    assert 55 < wait < 61
