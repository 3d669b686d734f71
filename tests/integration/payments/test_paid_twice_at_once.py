"""Two of a student's links for one batch confirmed at once, in concurrent transactions, end as when they are
confirmed one after the other: one seat and welcome, a receipt each, the admins told of the second payment
(decisions 0671, 0690)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
import pytest

from tests.integration.payments.world import FEE_PAISE, make_admin, make_center, take_a_seat
from tests.support.servers import WAIT_SECONDS

# A returning student: their lead became this account and reached the paid stage with an earlier course,
# whose messages are on the account's timeline.
RETURNING = """
with student as (
  update public.leads l set status = 'enrolled', converted_profile_id = p.id
    from public.profiles p where l.id = %s and p.email = l.email
  returning p.id
)
insert into public.conversations (profile_id) select id from student returning profile_id
"""
# A link made for the student's account, being paid (its money may be in flight, so no payment closes it).
LINK = """
insert into public.payments (profile_id, batch_id, provider, provider_order_id, amount_paise,
                             list_price_paise, status)
values (%s, %s, 'phonepe', %s, %s, %s, 'pending') returning id::text
"""
# What the service sends for a provider's "paid" (automation.workflows.payment_confirmation), in the
# caller's transaction: the service's helper commits a transaction it opens itself.
APPLY = "select private.apply_payment_state('phonepe', %s, 'paid', %s, %s, null, '{}')"
WAITING = "select wait_event_type from pg_stat_activity where pid = %s"
SEAT = "select status::text, payment_id::text from public.enrollments where student_id = %s and batch_id = %s"
RECEIPT = "select receipt_number from public.payments where id = %s"
WELCOMES = "select cause_id from public.outbox where idempotency_key like 'student_welcome:%%'"
WELCOME_LINES = "select count(*) from public.crm_messages where template = 'student_welcome'"
RECEIPT_JOBS = "select idempotency_key from public.outbox where operation = 'send_receipt'"
NOTES = "select body from public.crm_messages where channel = 'note' order by created_at"
NOTICES = "select type, body from public.notifications where user_id = %s"


def _paid(conn: psycopg.Connection, order: str) -> None:
    conn.execute(APPLY, (order, FEE_PAISE, f"T-{order}"))


def _one_after_the_other(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        _paid(conn, "order-first")
        _paid(conn, "order-second")


def _at_once(db_url: str) -> None:
    """Both confirmations run before either commits; the first commits while the second waits on it."""
    with psycopg.connect(db_url) as first, psycopg.connect(db_url) as second:
        _paid(first, "order-first")
        failures: list[Exception] = []

        def confirm_second() -> None:
            try:
                _paid(second, "order-second")
                second.commit()
            except Exception as error:  # reported by the test's thread
                failures.append(error)

        thread = threading.Thread(target=confirm_second)
        thread.start()
        _wait_for_a_lock(db_url, second.info.backend_pid)
        first.commit()
        thread.join(WAIT_SECONDS)
        assert not thread.is_alive()
        assert not failures, failures


def _wait_for_a_lock(db_url: str, pid: int) -> None:
    """Return once backend `pid` waits on a lock (held by the open first transaction)."""
    deadline = time.monotonic() + WAIT_SECONDS
    with psycopg.connect(db_url, autocommit=True) as watcher:
        while watcher.execute(WAITING, (pid,)).fetchone()[0] != "Lock":
            assert time.monotonic() < deadline, "the second confirmation never waited for the first"
            time.sleep(0.02)


BOTH_WAYS = pytest.mark.parametrize(
    "confirm_both", [_one_after_the_other, _at_once], ids=["sequential", "concurrent"]
)


@dataclass(frozen=True)
class TwoLinks:
    batch_id: str
    admin: str
    student: str
    first: str
    second: str


def _two_links(db_url: str, *, full: bool = False) -> TwoLinks:
    """A returning student with two links for a batch (`full`: its one seat taken by another student)."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        center, admin = make_center(conn, capacity=1 if full else None), make_admin(conn)
        if full:
            take_a_seat(conn, center.batch_id)
        [(student,)] = conn.execute(RETURNING, (center.lead_id,)).fetchall()
        first, second = (
            conn.execute(LINK, (student, center.batch_id, order, FEE_PAISE, FEE_PAISE)).fetchone()[0]
            for order in ("order-first", "order-second")
        )
    return TwoLinks(center.batch_id, admin, str(student), first, second)


def _assert_the_second_is_reported_for_refund(conn: psycopg.Connection, links: TwoLinks) -> list[str]:
    """Each payment has its receipt job; the admins got one paid_twice notice naming both, also noted on
    the timeline. Returns the timeline's notes."""
    jobs = sorted(row[0] for row in conn.execute(RECEIPT_JOBS))
    assert jobs == sorted(f"send_receipt:{payment}" for payment in (links.first, links.second))
    receipts = [conn.execute(RECEIPT, (payment,)).fetchone()[0] for payment in (links.first, links.second)]
    [body] = [row[1] for row in conn.execute(NOTICES, (links.admin,)) if row[0] == "paid_twice"]
    assert f"(receipt {receipts[0]}), then ₹12,500.00 on " in body
    assert body.endswith(
        f"choose Refund on the payment with receipt {receipts[1]} "
        f"(API: POST /admin/payments/{links.second}/refunds)."
    )
    notes = [row[0] for row in conn.execute(NOTES)]
    assert body in notes
    return notes


@BOTH_WAYS
def test_the_second_payment_gets_a_receipt_no_second_seat_or_welcome_and_the_admins_are_told(
    fresh_db_url: str, confirm_both: Callable[[str], None]
) -> None:
    links = _two_links(fresh_db_url)

    confirm_both(fresh_db_url)

    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        assert conn.execute(SEAT, (links.student, links.batch_id)).fetchall() == [("active", links.first)]
        welcomes = [row[0] for row in conn.execute(WELCOMES)]
        assert welcomes
        assert set(welcomes) == {links.first}
        assert conn.execute(WELCOME_LINES).fetchone()[0] == len(welcomes)  # no line for a welcome not queued
        assert [row[0] for row in conn.execute(NOTICES, (links.admin,))] == ["paid_twice"]
        notes = _assert_the_second_is_reported_for_refund(conn, links)
    assert sum("→ enrolled in January Weekend" in note for note in notes) == 1


@BOTH_WAYS
def test_in_a_full_batch_the_first_payment_awaits_the_seat_and_the_second_is_reported(
    fresh_db_url: str, confirm_both: Callable[[str], None]
) -> None:
    links = _two_links(fresh_db_url, full=True)

    confirm_both(fresh_db_url)

    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        assert conn.execute(SEAT, (links.student, links.batch_id)).fetchall() == [("pending", links.first)]
        assert conn.execute(WELCOMES).fetchall() == []
        assert sorted(row[0] for row in conn.execute(NOTICES, (links.admin,))) == ["batch_full", "paid_twice"]
        notes = _assert_the_second_is_reported_for_refund(conn, links)
    assert sum("January Weekend is full, awaiting a seat" in note for note in notes) == 1
