"""Follow-ups of a run keyed by a student's profile (decision 0670): the tick sends them to the student or
their parent, about the student's course, on the person's thread; they expire with nothing to offer, and a
reply, a payment or an opt-out stops them as it stops a lead's. Stranded runs resume (migration …018000)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import tuple_row
from psycopg_pool import ConnectionPool

from automation.workflows.sequence_tick import enqueue_due_steps
from tests.integration.sequences.test_sequence_tick import FILES, SEQUENCE
from tests.support.users import add_user

MIGRATION = Path(__file__).parents[3] / "supabase/migrations/20261122018000_resume_stranded_student_runs.sql"
COURSE = """
with c as (insert into public.courses (slug, title, price_paise, published) values (%s, %s, 900000, true)
           returning id)
insert into public.batches (course_id, name, starts_on, weekly_pattern, status)
select id, 'Evening', current_date + 12, '[{"weekday": 2, "start": "18:00", "minutes": 90}]', 'open' from c
returning id::text
"""
STUDENT = """
update public.profiles set full_name = 'Asha Rao', email = 'asha@example.com', phone = '+919811100000',
       parent_name = %s, parent_email = %s
 where id = %s
"""
ENROLLED = """
insert into public.enrollments (student_id, batch_id, status, enrolled_at)
values (%s, %s, %s, now() - %s::interval)
"""
RUN = """
insert into public.sequence_enrollments (sequence_id, profile_id, next_position, next_due_at, started_at)
values (%s, %s, 1, now() - interval '1 minute', now() - interval '1 day 1 minute')
"""
QUEUED = """
select o.lead_id::text, o.profile_id::text, o.party::text, o.payload->>'to_email' as to_email,
       o.payload->>'subject' as subject, c.profile_id::text as thread_profile, c.lead_id::text as thread_lead
  from public.outbox o
  join public.crm_messages m on m.id = o.crm_message_id
  join public.conversations c on c.id = m.conversation_id
"""
RUN_STATE = "select status::text, stop_reason, next_position, last_error from public.sequence_enrollments"


def _course(conn: psycopg.Connection, slug: str, title: str) -> str:
    """A published course with an open batch in twelve days; returns the batch id."""
    return conn.cursor(row_factory=tuple_row).execute(COURSE, (slug, title)).fetchone()[0]  # type: ignore[index]


def _student(conn: psycopg.Connection, parent_email: str | None = None) -> str:
    student = add_user(conn, "student")
    conn.execute(STUDENT, ("Meera Rao" if parent_email else None, parent_email, student))
    return student


def _student_run(pool: ConnectionPool, enrolled_in: str | None = "Python Basics", **parent) -> str:
    """A student (enrolled in a batch of course `enrolled_in`, if any) with a due run of a follow-up; the
    student's id."""
    with pool.connection() as conn:
        sequence = conn.execute(SEQUENCE).fetchone()["sequence_id"]
        student_id = _student(conn, **parent)
        if enrolled_in:
            conn.execute(ENROLLED, (student_id, _course(conn, "python", enrolled_in), "pending", "1 day"))
        conn.execute(RUN, (sequence, student_id))
    return student_id


def _rows(pool: ConnectionPool, query: str, *args) -> list[dict]:
    with pool.connection() as conn:
        return conn.execute(query, args).fetchall()


def test_a_students_run_sends_its_step_to_the_student_on_the_students_thread(pool):
    student = _student_run(pool)
    result = enqueue_due_steps(pool, FILES)
    assert (result.steps_queued, result.runs_advanced, result.runs_expired) == (1, 1, 0)
    assert _rows(pool, QUEUED) == [{
        "lead_id": None, "profile_id": student, "party": "self", "to_email": "asha@example.com",
        "subject": "Any questions about Python Basics, Asha?", "thread_profile": student,
        "thread_lead": None,
    }]  # fmt: skip
    assert _rows(pool, RUN_STATE) == [
        {"status": "active", "stop_reason": None, "next_position": 2, "last_error": None}
    ]


LEAD_BEFORE = """
insert into public.leads (full_name, phone, course_id, converted_profile_id)
values ('Asha', '+919822200000', (select course_id from public.batches b join public.courses c
                                   on c.id = b.course_id where c.slug = %s), %s)
returning id::text
"""


def test_a_converted_students_step_names_the_lead_and_lands_on_the_leads_thread(pool):
    student = _student_run(pool, enrolled_in=None)
    with pool.connection() as conn:
        _course(conn, "python", "Python Basics")
        lead = conn.execute(LEAD_BEFORE, ("python", student)).fetchone()["id"]
        thread = conn.execute("insert into public.conversations (lead_id) values (%s) returning id", (lead,))
        thread = thread.fetchone()["id"]
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    queued = _rows(pool, QUEUED)[0]
    assert (queued["lead_id"], queued["profile_id"], queued["thread_lead"]) == (lead, student, lead)
    assert queued["subject"] == "Any questions about Python Basics, Asha?"
    assert _rows(pool, "select conversation_id from public.crm_messages") == [{"conversation_id": thread}]


def test_a_students_follow_up_speaks_of_the_latest_enrollment_not_cancelled_over_the_lead_course(pool):
    student = _student_run(pool, enrolled_in="Python Basics")
    with pool.connection() as conn:
        conn.execute(ENROLLED, (student, _course(conn, "excel", "Excel Pro"), "cancelled", "0 days"))
        _course(conn, "tally", "Tally Prime")
        conn.execute(LEAD_BEFORE, ("tally", student))
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    assert _rows(pool, QUEUED)[0]["subject"] == "Any questions about Python Basics, Asha?"


def test_a_student_not_enrolled_hears_of_the_course_they_asked_about_as_a_lead(pool):
    student = _student_run(pool, enrolled_in=None)
    with pool.connection() as conn:
        _course(conn, "tally", "Tally Prime")
        conn.execute(LEAD_BEFORE, ("tally", student))
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    assert _rows(pool, QUEUED)[0]["subject"] == "Any questions about Tally Prime, Asha?"


def test_a_parent_step_of_a_students_run_goes_to_the_students_parent(pool):
    _student_run(pool, parent_email="meera@example.com")
    with pool.connection() as conn:
        conn.execute("update public.sequence_steps set party = 'parent' where position = 1")
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    queued = _rows(pool, QUEUED)[0]
    assert (queued["party"], queued["to_email"]) == ("parent", "meera@example.com")
    assert queued["subject"] == "Any questions about Python Basics, Meera?"


def test_a_parent_step_without_the_parents_email_is_skipped_and_says_where_to_add_it(pool):
    _student_run(pool)
    with pool.connection() as conn:
        conn.execute("update public.sequence_steps set party = 'parent' where position = 1")
    result = enqueue_due_steps(pool, FILES)
    assert (result.steps_queued, result.steps_skipped) == (0, 1)
    assert _rows(pool, RUN_STATE)[0]["last_error"] == (
        "Step 1 (email, template 'follow_up_day_1') skipped: the step is for the parent and the student has"
        " no parent_email; add the parent's email to the student's profile, or address the step to the"
        " student."
    )


def test_a_students_run_with_nothing_to_offer_expires(pool):
    _student_run(pool, enrolled_in=None)
    assert enqueue_due_steps(pool, FILES).runs_expired == 1
    assert _rows(pool, RUN_STATE) == [
        {"status": "stopped", "stop_reason": "expired", "next_position": None, "last_error": None}
    ]


INBOUND = """
insert into public.crm_messages (conversation_id, channel, direction, body, status)
select id, 'email', 'inbound', 'how long is it?', 'received' from public.conversations where profile_id = %s
"""
PAID = """
insert into public.payments (profile_id, provider, amount_paise, status)
values (%s, 'instamojo', 900000, 'paid')
"""
OPTED_OUT = """
insert into public.consents (profile_id, channel, state, source)
values (%s, 'whatsapp', 'opted_out', 'inbound_keyword')
"""


@pytest.mark.parametrize(("stop", "reason"), [(INBOUND, "replied"), (PAID, "paid"), (OPTED_OUT, "opted_out")])
def test_a_reply_on_the_students_thread_a_payment_or_an_opt_out_stops_the_run(pool, stop, reason):
    student = _student_run(pool)
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    with pool.connection() as conn:
        conn.execute("update public.sequence_enrollments set next_due_at = now() - interval '1 second'")
        conn.execute(stop, (student,))
    assert enqueue_due_steps(pool, FILES).steps_queued == 0
    assert _rows(pool, "select status::text, stop_reason from public.sequence_enrollments") == [
        {"status": "stopped", "stop_reason": reason}
    ]


STRANDED = """
insert into public.sequence_enrollments (sequence_id, lead_id, profile_id, next_position, next_due_at,
                                         started_at)
values (%s, %s, %s, 1, now() - interval '29 days', now() - interval '30 days')
"""
SINCE = """
select (e.lead_id is null) as by_the_student, now() - e.started_at as since_start,
       now() - e.next_due_at as overdue
  from public.sequence_enrollments e order by by_the_student
"""


def test_the_migration_resumes_a_stranded_students_run_at_its_step_and_leaves_a_leads_run(pool):
    with pool.connection() as conn, conn.transaction():  # one transaction: one now()
        sequence = conn.execute(SEQUENCE).fetchone()["sequence_id"]
        lead = conn.execute("insert into public.leads (phone) values ('+919833300000') returning id")
        conn.execute(STRANDED, (sequence, lead.fetchone()["id"], None))
        conn.execute(STRANDED, (sequence, None, _student(conn)))
        conn.execute(MIGRATION.read_text())
        runs = conn.execute(SINCE).fetchall()
    assert runs == [
        {"by_the_student": False, "since_start": timedelta(days=30), "overdue": timedelta(days=29)},
        {"by_the_student": True, "since_start": timedelta(days=1), "overdue": timedelta(0)},
    ]
