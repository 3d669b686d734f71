"""A claim takes rows whose worker went silent first, then due rows oldest first, never more than a batch."""

from __future__ import annotations

from automation.outbox import store

INSERT = """
insert into public.outbox (channel, operation, idempotency_key, payload, status, next_attempt_at,
                           locked_by, locked_at)
values ('email', 'send', %s, '{}', %s, now() + %s::interval, %s, now() - %s::interval)
"""


def add(conn, key: str, status: str = "pending", due_in: str = "-1 minute", locked_ago: str | None = None):
    worker = None if locked_ago is None else "silent-worker"
    conn.execute(INSERT, (key, status, due_in, worker, locked_ago))


def claimed_keys(conn, batch: int) -> list[str]:
    ids = [str(row["id"]) for row in store.claim(conn, "claimer", batch, stale_seconds=300)]
    keys = conn.execute(
        "select idempotency_key from public.outbox where id = any(%s::uuid[]) order by idempotency_key",
        (ids,),
    )
    return [key for (key,) in keys]


def test_stale_rows_come_first_then_due_rows_oldest_first(outbox_db):
    add(outbox_db, "due-newest", due_in="-1 minute")
    add(outbox_db, "due-oldest", due_in="-3 minutes")
    add(outbox_db, "due-middle", due_in="-2 minutes")
    add(outbox_db, "stale", status="processing", locked_ago="1 hour")
    assert claimed_keys(outbox_db, 3) == ["due-middle", "due-oldest", "stale"]
    assert claimed_keys(outbox_db, 3) == ["due-newest"]


def test_rows_not_due_and_rows_held_by_a_live_worker_stay_where_they_are(outbox_db):
    add(outbox_db, "later", due_in="1 hour")
    add(outbox_db, "held", status="processing", locked_ago="1 second")
    add(outbox_db, "dead", status="dead")
    assert claimed_keys(outbox_db, 10) == []


def test_a_batch_of_stale_rows_leaves_the_due_rows_for_the_next_claim(outbox_db):
    for n in range(2):
        add(outbox_db, f"stale-{n}", status="processing", locked_ago="1 hour")
    add(outbox_db, "due")
    assert claimed_keys(outbox_db, 2) == ["stale-0", "stale-1"]
    claimed = outbox_db.execute(
        "select count(*) from public.outbox where locked_by = 'claimer' and attempts = 1"
    ).fetchone()[0]
    assert claimed == 2
    assert claimed_keys(outbox_db, 2) == ["due"]
