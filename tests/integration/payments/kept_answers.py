"""Kept provider answers in tests: a trigger that fails a record's write, and a worker of the test's own
(decision 0672)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from automation.db import create_pool
from automation.outbox.worker import OutboxWorker
from tests.support.settings import settings_for_tests

ROW = "select status::text, answer, last_error from public.outbox where idempotency_key = %s"
# A trigger in the test's database fails the record's write `times` times (a sequence counts the tries: it
# is not rolled back with the failed transaction), as a serialization failure would.
FAIL = """
create sequence public.record_tries;
create function public.fail_the_record() returns trigger language plpgsql as $f$
begin
  if nextval('public.record_tries') <= {times} then
    raise exception 'injected: could not serialize access' using errcode = '40001';
  end if;
  return new;
end $f$;
create trigger fail_the_record before {event} on {table}
   for each row {when} execute function public.fail_the_record();
"""
LINK_RECORD = ("update", "public.payments", "when (old.payment_url is null and new.payment_url is not null)")
REFUND_RECORD = (
    "update",
    "public.payments",
    "when (old.refund_provider_ref is distinct from new.refund_provider_ref)",
)
ENROLL_RECORD = ("insert", "public.enrollments", "")
RECEIPT_RECORD = (
    "update",
    "public.payments",
    "when (old.receipt_path is null and new.receipt_path is not null)",
)


def fail_records(db_url: str, where: tuple[str, str, str], times: int) -> None:
    event, table, when = where
    statement = sql.SQL(FAIL).format(
        times=sql.Literal(times), event=sql.SQL(event), table=sql.SQL(table), when=sql.SQL(when)
    )
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(statement)


def heal(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("drop function public.fail_the_record() cascade")


@contextmanager
def worker_on(db_url: str, providers: object) -> Iterator[OutboxWorker]:
    settings = settings_for_tests(supabase_db_url=db_url)
    pool = create_pool(settings)
    pool.open()
    worker = OutboxWorker(pool, providers, settings, "worker-a")
    try:
        yield worker
    finally:
        worker.executor.shutdown(wait=True)
        pool.close()


def due_now(db_url: str, key: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("update public.outbox set next_attempt_at = now() where idempotency_key = %s", (key,))


def one(db_url: str, query: str, *params: object) -> tuple:
    with psycopg.connect(db_url) as conn:
        return conn.execute(query, params).fetchone()
