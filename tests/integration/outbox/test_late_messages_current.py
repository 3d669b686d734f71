"""Messages that wait between queue and send (quiet hours, retries) say what is true when they go: the
approval's welcome and a follow-up step quote the course's current next batch (or no date when none is
left), and a student's welcome the first class as it is scheduled then (decision 0699)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from automation.messages import catalog, formatting
from automation.providers.payments import PaymentState, PaymentStatus
from automation.receipts.receipt import local_time
from automation.workflows.lead_intake import LeadForm, submit_lead
from automation.workflows.lead_review import decide_submission
from automation.workflows.payment_confirmation import apply_payment_state
from automation.workflows.sequence_tick import enqueue_due_steps
from tests.integration.leads.conftest import BATCH, COURSE, add_offered_course
from tests.integration.outbox.test_welcome_current_offer import (
    CANCELLED,
    EVENING,
    FILES,
    FORM,
    MORNING,
    NEW_FEE,
    SENT,
    close,
    whatsapp_params,
)
from tests.integration.payments.world import FEE_PAISE, make_center
from tests.support.users import add_user

SUBMISSION = "select id::text from public.cta_submissions"
SEQUENCE = """
with s as (insert into public.sequences (key, name) values ('cta_follow_up', 'Follow-up') returning id)
insert into public.sequence_steps (sequence_id, position, delay, channel, template)
select s.id, v.position, v.delay::interval, v.channel::public.contact_channel, v.template from s,
  (values (1, '3 days', 'email', 'follow_up_day_3'), (2, '3 days 1 minute', 'whatsapp', 'follow_up_day_3'))
    as v(position, delay, channel, template)
returning sequence_id
"""
LEAD = """
insert into public.leads (full_name, email, phone, course_id)
values ('Asha Rao', 'asha@example.com', '+919812345678', %s) returning id
"""
RUN = """
insert into public.sequence_enrollments (sequence_id, lead_id, next_position, next_due_at, started_at)
values (%s, %s, 1, now() - interval '1 minute', now() - interval '4 days')
"""
PAYMENT = """
insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise)
values (%s, %s, 'instamojo', 'req_late_welcome', %s)
"""
PAID = PaymentState("instamojo", "req_late_welcome", PaymentStatus.PAID, FEE_PAISE)
MOVED = "update public.sessions set starts_at = %s, join_url = 'https://zoom.example/j/2'"
SESSION_CANCELLED = "update public.sessions set status = 'cancelled'"
BATCH_ZONE = "select timezone from public.batches"
NO_RECEIPT = "update public.outbox set status = 'cancelled' where operation = 'send_receipt'"


def test_an_approved_welcome_quotes_the_batch_and_fee_current_when_it_goes(outbox_db, make_worker, sandbox):
    course = outbox_db.execute(COURSE).fetchone()[0]  # no batch at intake: the form queues nothing
    submit_lead(outbox_db, LeadForm.model_validate(FORM), dedupe_minutes=60, files_url=FILES)
    outbox_db.execute(BATCH, (course,))
    submission = outbox_db.execute(SUBMISSION).fetchone()[0]
    with outbox_db.transaction():
        decision = decide_submission(
            outbox_db, submission, approve=True, admin_id=add_user(outbox_db, "admin"), note=None,
            files_url=FILES,
        )  # fmt: skip
    assert decision.messages_queued == 3

    morning, morning_starts = outbox_db.execute(MORNING).fetchone()
    close(outbox_db, morning, "full")
    evening = formatting.long_date(outbox_db.execute(EVENING).fetchone()[0])
    outbox_db.execute(NEW_FEE)
    assert make_worker().run_once() == 3

    assert whatsapp_params(sandbox)[3:5] == [evening, "₹15,000"]
    sent = dict(outbox_db.execute(SENT).fetchall())
    assert f"starts on {evening} (Tuesdays at 18:00). The fee is ₹15,000." in sent["email"]
    assert f"the next batch starts on {evening} (Tuesdays at 18:00); the fee is ₹15,000;" in sent["call"]
    assert not [body for body in sent.values() if formatting.long_date(morning_starts) in body]


def _follow_ups_queued(outbox_db, pool) -> str:
    """A lead's run with the day-3 follow-up by email then WhatsApp, both queued; returns the date they
    quoted when queued (the Morning batch's)."""
    course = add_offered_course(outbox_db)
    sequence = outbox_db.execute(SEQUENCE).fetchone()[0]
    outbox_db.execute(RUN, (sequence, outbox_db.execute(LEAD, (course,)).fetchone()[0]))
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    assert enqueue_due_steps(pool, FILES).steps_queued == 1
    return formatting.long_date(outbox_db.execute(MORNING).fetchone()[1])


@pytest.mark.parametrize("how", ["started", "cancelled", "full"])
def test_a_queued_follow_up_names_the_batch_that_is_next_when_it_goes(
    outbox_db, make_worker, sandbox, pool, how
):
    queued_date = _follow_ups_queued(outbox_db, pool)
    close(outbox_db, outbox_db.execute(MORNING).fetchone()[0], how)
    evening = formatting.long_date(outbox_db.execute(EVENING).fetchone()[0])
    outbox_db.execute(NEW_FEE)
    assert make_worker().run_once() == 2

    assert whatsapp_params(sandbox) == ["Asha", "Spoken English", evening]
    sent = dict(outbox_db.execute(SENT).fetchall())
    assert f"The Spoken English batch starting on {evening} is filling up." in sent["email"]
    assert "Classes run Tuesdays at 18:00, and the fee is ₹15,000." in sent["email"]
    assert f"seats are filling for the Spoken English batch starting on {evening}." in sent["whatsapp"]
    assert not [body for body in sent.values() if queued_date in body]


def test_a_queued_follow_up_with_no_batch_left_quotes_no_date(outbox_db, make_worker, sandbox, pool):
    queued_date = _follow_ups_queued(outbox_db, pool)
    outbox_db.execute(CANCELLED, (outbox_db.execute(MORNING).fetchone()[0],))
    assert make_worker().run_once() == 2

    assert whatsapp_params(sandbox) == ["Asha", "Spoken English", catalog.DATE_TO_COME]
    sent = dict(outbox_db.execute(SENT).fetchall())
    no_date = (
        "The dates of the next Spoken English batch are not set yet; we will tell you as soon as it opens."
    )
    assert f"{no_date} The fee is ₹12,500." in sent["email"]
    assert "is filling up" not in sent["email"]
    assert not [body for body in sent.values() if queued_date in body]
    subject = outbox_db.execute("select subject from public.crm_messages where channel = 'email'").fetchone()
    assert subject == ("A seat in the next Spoken English batch",)


def _student_welcome_queued(outbox_db) -> None:
    """A lead with an account pays: the conversion queues the student's welcome (email, WhatsApp), and its
    receipt, which is not sent here (it needs storage; tests/integration/payments/test_receipts.py)."""
    center = make_center(outbox_db)
    outbox_db.execute(PAYMENT, (center.lead_id, center.batch_id, FEE_PAISE))
    with outbox_db.transaction():
        assert apply_payment_state(outbox_db, PAID) == PaymentStatus.PAID
    outbox_db.execute(NO_RECEIPT)


def test_a_student_welcome_names_the_first_class_as_rescheduled_after_it_was_queued(
    outbox_db, make_worker, sandbox
):
    _student_welcome_queued(outbox_db)
    moved = datetime(2027, 1, 10, 4, 30, tzinfo=UTC)
    outbox_db.execute(MOVED, (moved,))
    assert make_worker().run_once() == 2

    first_class = (
        f"{local_time(moved, outbox_db.execute(BATCH_ZONE).fetchone()[0])}, join at https://zoom.example/j/2"
    )
    assert whatsapp_params(sandbox)[5] == first_class
    sent = dict(outbox_db.execute(SENT).fetchall())
    assert f"First class: {first_class}" in sent["email"]
    assert not [body for body in sent.values() if "zoom.example/j/1" in body]


def test_a_student_welcome_whose_first_class_was_cancelled_names_none(outbox_db, make_worker, sandbox):
    _student_welcome_queued(outbox_db)
    outbox_db.execute(SESSION_CANCELLED)
    assert make_worker().run_once() == 2

    assert whatsapp_params(sandbox)[5].startswith("not scheduled yet")
    sent = dict(outbox_db.execute(SENT).fetchall())
    assert not [body for body in sent.values() if "zoom.example" in body]
