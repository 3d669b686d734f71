"""The webhook sweep acts again on stored events left unprocessed, a bounded number of times."""

from __future__ import annotations

import json
import threading

from psycopg_pool import ConnectionPool

from automation import create_app
from automation.workflows.provider_webhooks import NOT_YET
from automation.workflows.webhook_sweep import sweep_webhook_events
from tests.support.settings import settings_for_tests

SENT_EMAIL = """
with l as (insert into public.leads (full_name, email) values ('Asha Rao', 'asha@example.com') returning id),
     c as (insert into public.conversations (lead_id) select id from l returning id),
     m as (insert into public.crm_messages (conversation_id, channel, direction, subject, body, status,
                                            provider, provider_message_id)
           select id, 'email', 'outbound', 'Hello', 'Hi', 'sent', 'sendgrid', 'sg-1' from c returning id)
insert into public.email_logs (message_id, to_email, subject, categories, provider_message_id)
select id, 'asha@example.com', 'Hello', '{}', 'sg-1' from m
"""
STORED = """
insert into public.webhook_events (provider, event_id, signature_verified, raw_body, received_at, error)
values (%s, %s, true, %s, now() - make_interval(secs => %s), %s)
"""
EVENTS = "select event_id, attempts, processed_at is not null as done, error from public.webhook_events"


def delivered(event_id: str, sg_message_id: str = "sg-1.filter0") -> str:
    return json.dumps({"sg_event_id": event_id, "event": "delivered", "sg_message_id": sg_message_id,
                       "timestamp": 1_790_000_000, "email": "asha@example.com"})  # fmt: skip


def _store(
    pool: ConnectionPool, provider: str, event_id: str, raw: str, *, age: float, error=NOT_YET
) -> None:
    with pool.connection() as conn:
        conn.execute(STORED, (provider, event_id, raw, age, error))


def _events(pool: ConnectionPool) -> dict[str, dict]:
    with pool.connection() as conn:
        return {row["event_id"]: row for row in conn.execute(EVENTS)}


def _age_last_attempts(pool: ConnectionPool) -> None:
    with pool.connection() as conn:
        conn.execute("update public.webhook_events set last_attempt_at = now() - interval '2 minutes'")


def test_an_event_that_raced_the_send_is_applied_by_the_sweep_and_young_or_payment_events_wait(pool):
    with pool.connection() as conn:
        conn.execute(SENT_EMAIL)
    _store(pool, "sendgrid", "raced", delivered("raced"), age=120)
    _store(pool, "sendgrid", "young", delivered("young"), age=0)
    _store(pool, "instamojo", "payment", "{}", age=120, error="status check failed")
    result = sweep_webhook_events(pool, age_seconds=60, max_attempts=3)
    assert (result.events_processed, result.events_failed) == (1, 0)
    events = _events(pool)
    assert (events["raced"]["done"], events["raced"]["attempts"], events["raced"]["error"]) == (True, 1, None)
    assert (events["young"]["done"], events["young"]["attempts"]) == (False, 0)
    assert (events["payment"]["done"], events["payment"]["attempts"]) == (False, 0)
    with pool.connection() as conn:
        assert (
            conn.execute("select status::text from public.crm_messages").fetchone()["status"] == "delivered"
        )


def test_a_failing_event_keeps_its_error_and_is_given_up_after_the_last_attempt(pool):
    _store(pool, "sendgrid", "broken", "not json", age=120)
    _store(pool, "sendgrid", "unknown", delivered("unknown", "sg-none.filter0"), age=120)
    assert sweep_webhook_events(pool, age_seconds=60, max_attempts=2).events_failed == 2
    first = _events(pool)
    assert first["broken"]["error"].startswith("JSONDecodeError: ")
    assert (first["unknown"]["error"], first["unknown"]["attempts"]) == (NOT_YET, 1)
    assert sweep_webhook_events(pool, age_seconds=60, max_attempts=2).events_failed == 0  # tried just now
    _age_last_attempts(pool)
    assert sweep_webhook_events(pool, age_seconds=60, max_attempts=2).events_failed == 2
    _age_last_attempts(pool)
    assert sweep_webhook_events(pool, age_seconds=60, max_attempts=2).events_failed == 0  # given up
    last = _events(pool)
    assert [last[e]["attempts"] for e in ("broken", "unknown")] == [2, 2]
    assert last["broken"]["error"].startswith("gave up after 2 attempts: JSONDecodeError: ")
    assert last["unknown"]["error"] == f"gave up after 2 attempts: {NOT_YET}"


def test_sweeps_running_at_once_take_each_event_once(pool):
    for n in range(30):
        _store(pool, "sendgrid", f"e{n}", delivered(f"e{n}", f"sg-none-{n}.filter0"), age=120)
    threads = [threading.Thread(target=sweep_webhook_events, args=(pool, 60, 5), kwargs={"batch": 8})
               for _ in range(6)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [row["attempts"] for row in _events(pool).values()] == [1] * 30


def test_the_sweep_endpoint_needs_the_internal_secret(fresh_db_url):
    client = create_app(settings_for_tests(supabase_db_url=fresh_db_url, db_pool_min_size=0)).test_client()
    assert client.post("/internal/ticks/webhooks").status_code == 401
    done = client.post("/internal/ticks/webhooks", headers={"X-Internal-Secret": "internal"})
    assert done.json == {"events_processed": 0, "events_failed": 0}
