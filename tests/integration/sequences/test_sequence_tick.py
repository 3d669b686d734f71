"""The sequences tick: due steps queued once, runs advanced or completed, stops honoured, work shared."""

from __future__ import annotations

import threading

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from automation import create_app
from automation.workflows.sequence_tick import enqueue_due_steps
from tests.integration.leads.conftest import add_offered_course
from tests.support.settings import settings_for_tests
from tests.support.users import add_student_from_lead

FILES = "http://files.test/course-files"
SEQUENCE = """
with s as (insert into public.sequences (key, name) values ('cta_follow_up', 'Follow-up') returning id)
insert into public.sequence_steps (sequence_id, position, delay, channel, template)
select s.id, v.position, v.delay::interval, v.channel::public.contact_channel, v.template from s,
  (values (1, '1 day', 'email', 'follow_up_day_1'), (2, '3 days', 'whatsapp', 'follow_up_day_3'))
    as v(position, delay, channel, template)
returning sequence_id
"""
LEAD = """
insert into public.leads (full_name, email, phone, course_id)
values (%s, %s, %s, %s) returning id
"""
ENROLL = """
insert into public.sequence_enrollments (sequence_id, lead_id, next_position, next_due_at, started_at)
values (%s, %s, 1, now() - interval '1 minute', now() - interval '1 day 1 minute')
"""

INBOUND = """
insert into public.crm_messages (conversation_id, channel, direction, body, status)
select id, 'whatsapp', 'inbound', 'call me', 'received' from public.conversations
"""


def _enroll(pool: ConnectionPool, leads: int = 1, course: bool = True) -> None:
    with pool.connection() as conn:
        course_id = add_offered_course(conn) if course else None
        sequence = conn.execute(SEQUENCE).fetchone()["sequence_id"]
        for n in range(leads):
            lead = conn.execute(LEAD, (f"Lead {n}", f"lead{n}@example.com", f"+9198765{n:05d}", course_id))
            conn.execute(ENROLL, (sequence, lead.fetchone()["id"]))


def _one(pool: ConnectionPool, query: str):
    with pool.connection() as conn:
        return conn.execute(query).fetchone()


def test_a_due_step_is_queued_once_and_the_run_moves_to_the_next_step(pool):
    _enroll(pool)
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    assert enqueue_due_steps(pool, FILES).steps_queued == 0
    run = _one(
        pool, "select next_position, next_due_at - started_at as wait from public.sequence_enrollments"
    )
    assert (run["next_position"], str(run["wait"])) == (2, "3 days, 0:00:00")
    queued = _one(
        pool, "select channel::text, payload->>'subject' is not null as has_subject from public.outbox"
    )
    assert queued == {"channel": "email", "has_subject": True}


def test_the_last_step_completes_the_run(pool):
    _enroll(pool)
    enqueue_due_steps(pool, FILES)
    with pool.connection() as conn:
        conn.execute("update public.sequence_enrollments set next_due_at = now() - interval '1 second'")
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    assert _one(pool, "select status::text from public.sequence_enrollments")["status"] == "completed"


def test_a_reply_stops_the_run_before_its_next_step(pool):
    _enroll(pool)
    with pool.connection() as conn:
        conn.execute("insert into public.conversations (lead_id) select id from public.leads")
        conn.execute(INBOUND)
    assert enqueue_due_steps(pool, FILES).steps_queued == 0
    run = _one(pool, "select status::text, stop_reason from public.sequence_enrollments")
    assert run == {"status": "stopped", "stop_reason": "replied"}


def test_a_lead_with_nothing_to_offer_expires(pool):
    _enroll(pool, course=False)
    assert enqueue_due_steps(pool, FILES).runs_expired == 1
    assert _one(pool, "select stop_reason from public.sequence_enrollments")["stop_reason"] == "expired"


def test_instances_running_at_once_share_the_runs_and_queue_each_step_once(pool):
    _enroll(pool, leads=40)
    results = []
    threads = [threading.Thread(target=lambda: results.append(enqueue_due_steps(pool, FILES, batch=10)))
               for _ in range(8)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    while (more := enqueue_due_steps(pool, FILES, batch=10)).runs_advanced:
        results.append(more)
    assert sum(r.steps_queued for r in results) == 40
    assert _one(pool, "select count(*) as n from public.outbox")["n"] == 40


def test_the_tick_endpoint_needs_the_internal_secret(fresh_db_url):
    client = create_app(settings_for_tests(supabase_db_url=fresh_db_url, db_pool_min_size=0)).test_client()
    assert client.post("/internal/ticks/sequences").status_code == 401
    done = client.post("/internal/ticks/sequences", headers={"X-Internal-Secret": "internal"})
    assert done.json == {"steps_queued": 0, "runs_advanced": 0, "runs_expired": 0, "steps_skipped": 0}
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute("select count(*) from public.outbox").fetchone()[0] == 0


UNKNOWN_FIRST_STEP = "update public.sequence_steps set template = 'no_such_template' where position = 1"
RUNS = """
select l.full_name, e.next_position, e.last_error from public.sequence_enrollments e
  join public.leads l on l.id = e.lead_id order by l.full_name
"""


@pytest.mark.parametrize("channel", ["email", "whatsapp"])
def test_a_step_with_an_unknown_template_is_skipped_with_its_reason_and_other_runs_go_on(pool, channel):
    _enroll(pool, leads=2)
    with pool.connection() as conn:
        conn.execute("insert into public.sequences (key, name) values ('other', 'Other')")
        conn.execute(
            "update public.sequence_enrollments set sequence_id = (select id from public.sequences"
            " where key = 'other') where lead_id = (select id from public.leads where full_name = 'Lead 1')"
        )
        conn.execute(
            "insert into public.sequence_steps (sequence_id, position, delay, channel, template)"
            " select id, 1, '1 day', 'email', 'follow_up_day_1' from public.sequences where key = 'other'"
        )
        conn.execute(UNKNOWN_FIRST_STEP + " and sequence_id = (select id from public.sequences"
                     " where key = 'cta_follow_up')")  # fmt: skip
        conn.execute("update public.sequence_steps set channel = %s where template = 'no_such_template'",
                     (channel,))  # fmt: skip
    result = enqueue_due_steps(pool, FILES)
    assert (result.steps_queued, result.steps_skipped, result.runs_advanced) == (1, 1, 2)
    with pool.connection() as conn:
        skipped, other = conn.execute(RUNS).fetchall()
        queued = conn.execute("select lead_id, payload->>'subject' as subject from public.outbox").fetchall()
    assert (skipped["next_position"], other["last_error"]) == (2, None)
    assert skipped["last_error"] == (
        f"Step 1 ({channel}, template 'no_such_template') skipped: no message template has this name;"
        " pick one from automation/templates/messages/."
    )
    assert [row["subject"] is not None for row in queued] == [True]


PARENT_FIRST_STEP = "update public.sequence_steps set party = 'parent' where position = 1"
PARENT = "update public.leads set parent_name = 'Sunita Devi', parent_email = %s, parent_phone = %s"
QUEUED_FOR = """
select o.party::text as outbox_party, m.party::text as timeline_party, o.payload->>'to_email' as to_email,
       o.payload->>'to_name' as to_name, m.body like 'Hi Sunita,%%' as greets_the_parent
  from public.outbox o join public.crm_messages m on m.id = o.crm_message_id
"""


def test_a_parent_step_goes_to_the_parent_and_is_marked_as_the_parent(pool):
    _enroll(pool)
    with pool.connection() as conn:
        conn.execute(PARENT_FIRST_STEP)
        conn.execute(PARENT, ("sunita@example.com", None))
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    assert _one(pool, QUEUED_FOR) == {
        "outbox_party": "parent", "timeline_party": "parent", "to_email": "sunita@example.com",
        "to_name": "Sunita Devi", "greets_the_parent": True,
    }  # fmt: skip


def test_a_parent_step_without_the_parents_address_is_skipped_not_sent_to_the_lead(pool):
    _enroll(pool)
    with pool.connection() as conn:
        conn.execute(PARENT_FIRST_STEP)
        conn.execute(PARENT, (None, "+919800000001"))
    result = enqueue_due_steps(pool, FILES)
    assert (result.steps_queued, result.steps_skipped, result.runs_advanced) == (0, 1, 1)
    assert _one(pool, "select count(*) as n from public.outbox")["n"] == 0
    run = _one(pool, "select next_position, last_error from public.sequence_enrollments")
    assert run == {
        "next_position": 2,
        "last_error": "Step 1 (email, template 'follow_up_day_1') skipped: the step is for the parent and the"
        " lead has no parent_email; add the parent's email to the lead, or address the step to the student.",
    }


# A run of a second sequence keyed by the student (one person has one run per sequence, decision 0677).
STUDENT_RUN = """
with s as (insert into public.sequences (key, name) values ('student_follow_up', 'Student follow-up')
           returning id),
     step as (insert into public.sequence_steps (sequence_id, position, delay, channel, template)
              select id, 1, interval '1 day', 'email', 'follow_up_day_1' from s)
insert into public.sequence_enrollments (sequence_id, profile_id, next_position, next_due_at)
select id, %s, 1, now() + interval '1 day' from s
"""
OPTED_OUT = """
insert into public.consents (lead_id, profile_id, channel, state, source)
values (%s, %s, 'whatsapp', 'opted_out', 'inbound_keyword')
"""


@pytest.mark.parametrize("on_the_profile", [True, False])
def test_an_opt_out_stops_the_persons_runs_whether_keyed_by_the_lead_or_the_student(pool, on_the_profile):
    _enroll(pool)
    with pool.connection() as conn:
        lead = conn.execute("select id::text from public.leads").fetchone()["id"]
        student = add_student_from_lead(conn, lead)
        conn.execute(STUDENT_RUN, (student,))
        conn.execute(OPTED_OUT, (None, student) if on_the_profile else (lead, None))
        runs = conn.execute("select status::text, stop_reason from public.sequence_enrollments").fetchall()
    assert runs == [{"status": "stopped", "stop_reason": "opted_out"}] * 2
    assert enqueue_due_steps(pool, FILES).steps_queued == 0
