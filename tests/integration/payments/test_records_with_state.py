"""A provider request whose record carries state (payment link, refund, enrollment) is never `sent` without
its record: when the record's transaction fails, the provider's answer is kept on the row and recorded from
it later, without asking the provider again; a record that keeps failing ends dead with what to do."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import psycopg
import pytest
import requests

from automation.app_links import AppLinks
from automation.outbox.worker import OutboxWorker
from automation.providers.supabase_accounts import SupabaseAccounts
from automation.workflows.outbox_admin import change_outbox_item
from automation.workflows.refunds import RefundOrder, request_refund
from tests.integration.payments.kept_answers import (
    ENROLL_RECORD,
    LINK_RECORD,
    REFUND_RECORD,
    ROW,
    due_now,
    fail_records,
    heal,
    one,
    worker_on,
)
from tests.integration.payments.world import (
    link_order,
    make_admin,
    make_center,
    open_link,
    paid_without_account,
)

LINKS = AppLinks("https://app.example")


def sandbox_count(stack, kind: str) -> int:
    url = f"{stack.sandbox_url}/_sandbox/api/records"
    return len(requests.get(url, params={"provider": "phonepe", "kind": kind}, timeout=5).json())


@pytest.fixture
def link_worker(stack) -> Iterator[OutboxWorker]:
    with worker_on(stack.db_url, SimpleNamespace(payments=stack.gateways, links=LINKS)) as worker:
        yield worker


def test_a_link_whose_record_failed_is_recorded_from_the_kept_answer_without_a_second_order(
    stack,
    link_worker,
):
    payment, key = link_order(stack)
    fail_records(stack.db_url, LINK_RECORD, times=2)  # the group's try and the row's own

    link_worker.run_once()

    status, answer, error = one(stack.db_url, ROW, key)
    assert status == "pending"
    assert answer["provider"] == "phonepe"
    assert answer["result"]["url"].startswith(stack.sandbox_url)
    assert error.startswith("phonepe accepted this request (")
    assert "the provider is not asked again" in error
    assert stack.one("select payment_url from public.payments where id = %s", payment) is None
    assert sandbox_count(stack, "order") == 1

    due_now(stack.db_url, key)
    link_worker.run_once()

    assert one(stack.db_url, ROW, key) == ("sent", None, None)
    url, order = one(stack.db_url, "select payment_url, provider_order_id from public.payments where id = %s",
                     payment)  # fmt: skip
    assert (url, order) == (answer["result"]["url"], answer["result"]["provider_ref"])
    assert stack.one("select count(*) from public.outbox where idempotency_key like 'payment_link:%%'") == 2
    assert sandbox_count(stack, "order") == 1


def test_a_record_that_keeps_failing_ends_dead_saying_what_to_do_and_a_retry_records_it(
    stack,
    link_worker,
):
    payment, key = link_order(stack)
    stack.one("update public.outbox set max_attempts = 2 where idempotency_key = %s returning 1", key)
    fail_records(stack.db_url, LINK_RECORD, times=1_000)
    link_worker.run_once()
    due_now(stack.db_url, key)
    link_worker.run_once()

    status, answer, error = one(stack.db_url, ROW, key)
    assert (status, answer is None) == ("dead", False)
    assert "recording it here failed: injected: could not serialize access" in error
    assert "Fix the cause, then retry this item" in error

    heal(stack.db_url)
    with psycopg.connect(stack.db_url) as conn:
        outbox_id = conn.execute(
            "select id from public.outbox where idempotency_key = %s", (key,)
        ).fetchone()[0]
        change_outbox_item(conn, str(outbox_id), "retry")
    link_worker.run_once()

    assert one(stack.db_url, ROW, key)[:2] == ("sent", None)
    assert (
        stack.one("select payment_url from public.payments where id = %s", payment) == answer["result"]["url"]
    )
    assert sandbox_count(stack, "order") == 1


def test_a_refund_whose_record_failed_keeps_the_providers_reference_and_is_asked_once(
    stack,
    link_worker,
):
    with stack.connect() as conn:
        center, admin = make_center(conn), make_admin(conn)
        payment, checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
    stack.pay(checkout, "success")
    stack.wait_until("select status::text from public.payments where id = %s", payment, expect="paid".__eq__)
    with stack.connect() as conn:
        request_refund(conn, RefundOrder(payment, None, "changed plans", stack.service_url), admin)
    key = "refund:" + stack.one("select refund_reference from public.payments where id = %s", payment)
    fail_records(stack.db_url, REFUND_RECORD, times=2)

    link_worker.run_once()
    status, answer, _ = one(stack.db_url, ROW, key)
    assert (status, answer["provider"]) == ("pending", "phonepe")
    assert stack.one("select refund_provider_ref from public.payments where id = %s", payment) is None

    due_now(stack.db_url, key)
    link_worker.run_once()

    assert one(stack.db_url, ROW, key)[:2] == ("sent", None)
    recorded = stack.one("select refund_provider_ref from public.payments where id = %s", payment)
    assert recorded == answer["result"]["refund_ref"]
    assert sandbox_count(stack, "refund") == 1


def test_an_invited_payer_whose_enrollment_failed_is_enrolled_from_the_kept_answer_invited_once(
    auth,
):
    payment, row = paid_without_account(auth.db_url)
    key, email = row["idempotency_key"], row["payload"]["email"]
    fail_records(auth.db_url, ENROLL_RECORD, times=2)
    accounts = SupabaseAccounts(auth.url, auth.gateway.service_role_key)
    with worker_on(auth.db_url, SimpleNamespace(accounts=accounts, links=LINKS)) as worker:
        worker.run_once()
        status, answer, _ = one(auth.db_url, ROW, key)
        assert (status, answer["provider"]) == ("pending", "supabase_auth")
        assert one(auth.db_url, "select count(*) from public.enrollments where payment_id = %s", payment) == (
            0,
        )

        due_now(auth.db_url, key)
        worker.run_once()

    assert one(auth.db_url, ROW, key)[:2] == ("sent", None)
    enrolled = "select student_id::text, status::text from public.enrollments where payment_id = %s"
    assert one(auth.db_url, enrolled, payment) == (answer["result"]["user_id"], "active")
    assert len(auth.inbox.to(email)) == 1


def test_a_kept_answer_that_cannot_be_recorded_never_reaches_the_provider(stack, link_worker):
    payment, key = link_order(stack)
    stack.one(
        'update public.outbox set max_attempts = 1, answer = \'{"provider": "phonepe", "result": {}}\''
        " where idempotency_key = %s returning 1",
        key,
    )

    link_worker.run_once()

    status, answer, error = one(stack.db_url, ROW, key)
    assert (status, answer) == ("dead", {"provider": "phonepe", "result": {}})
    assert error.startswith("phonepe accepted this request ({}), but recording it here failed")
    assert stack.one("select payment_url from public.payments where id = %s", payment) is None
    assert sandbox_count(stack, "order") == 0
