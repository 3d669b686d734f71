"""A reply, a payment or an opt-out stops every follow-up of the person: the runs keyed by the lead and
those keyed by the student it became, whichever id the reply's thread or the payment names (decision 0667)."""

from __future__ import annotations

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from automation.workflows.sequence_tick import enqueue_due_steps
from tests.integration.sequences.test_sequence_tick import FILES, STUDENT_RUN, _enroll
from tests.support.users import add_student_from_lead

PAID = """
insert into public.payments (lead_id, profile_id, provider, amount_paise, status)
values (%s, %s, 'instamojo', 1250000, 'paid')
"""
THREAD = "insert into public.conversations (lead_id, profile_id) values (%s, %s) returning id"
INBOUND = """
insert into public.crm_messages (conversation_id, channel, direction, body, status)
values (%s, 'whatsapp', 'inbound', 'call me', 'received')
"""
RUNS = """
select (e.lead_id is not null) as by_the_lead, e.status::text, e.stop_reason
  from public.sequence_enrollments e order by by_the_lead
"""


def _person(conn: psycopg.Connection) -> tuple[str, str]:
    """The enrolled lead, the student it became, and a second run keyed by the student."""
    lead = conn.execute("select id::text from public.leads").fetchone()["id"]
    student = add_student_from_lead(conn, lead)
    conn.execute(STUDENT_RUN, (student,))
    return lead, student


def _stopped(reason: str) -> list[dict]:
    return [{"by_the_lead": by_lead, "status": "stopped", "stop_reason": reason} for by_lead in (False, True)]


@pytest.mark.parametrize("by_the_student", [True, False])
def test_a_payment_stops_the_persons_runs_under_either_id(pool: ConnectionPool, by_the_student):
    _enroll(pool)
    with pool.connection() as conn:
        lead, student = _person(conn)
        conn.execute(PAID, (None, student) if by_the_student else (lead, None))
        assert conn.execute(RUNS).fetchall() == _stopped("paid")
    assert enqueue_due_steps(pool, FILES).steps_queued == 0


@pytest.mark.parametrize("on_the_students_thread", [True, False])
def test_a_reply_stops_the_persons_runs_under_either_id(pool: ConnectionPool, on_the_students_thread):
    _enroll(pool)
    with pool.connection() as conn:
        lead, student = _person(conn)
        thread = conn.execute(THREAD, (None, student) if on_the_students_thread else (lead, None))
        conn.execute(INBOUND, (thread.fetchone()["id"],))
        assert conn.execute(RUNS).fetchall() == _stopped("replied")
    assert enqueue_due_steps(pool, FILES).steps_queued == 0


def test_a_payment_stops_only_the_sequences_that_stop_on_payment(pool: ConnectionPool):
    _enroll(pool)
    with pool.connection() as conn:
        _, student = _person(conn)
        conn.execute("update public.sequences set stop_on_payment = false")
        conn.execute(PAID, (None, student))
        assert {row["status"] for row in conn.execute(RUNS).fetchall()} == {"active"}


def test_another_persons_payment_leaves_the_runs_going(pool: ConnectionPool):
    _enroll(pool, leads=2)
    with pool.connection() as conn:
        other = conn.execute("select id::text from public.leads where full_name = 'Lead 1'").fetchone()["id"]
        conn.execute(PAID, (None, add_student_from_lead(conn, other)))
        statuses = conn.execute(
            "select l.full_name, e.status::text from public.sequence_enrollments e"
            " join public.leads l on l.id = e.lead_id order by l.full_name"
        ).fetchall()
    assert statuses == [
        {"full_name": "Lead 0", "status": "active"},
        {"full_name": "Lead 1", "status": "stopped"},
    ]
