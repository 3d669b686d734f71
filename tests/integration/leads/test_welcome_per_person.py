"""The welcome of a form (at intake and at approval) leaves out the channels the person refused, as the lead
or as the student the lead became: nothing is queued on them, so the timeline shows no skipped welcome
(decision 0667)."""

from __future__ import annotations

import psycopg

from automation.workflows.lead_review import decide_submission
from tests.integration.leads.conftest import BATCH, COURSE
from tests.integration.leads.test_lead_intake import ALL, FILES, _queued, _submit
from tests.support.users import add_student_from_lead, add_user

STUDENT_OPTS_OUT = """
insert into public.consents (profile_id, channel, state, source)
values (%s, %s, 'opted_out', 'inbound_keyword')
"""
WELCOMES_ON_THE_TIMELINE = """
select m.channel::text from public.crm_messages m join public.conversations c on c.id = m.conversation_id
 where c.lead_id = %s and m.template = 'welcome' order by 1
"""
SUBMISSION = "select id::text from public.cta_submissions where lead_id = %s"


def _student_who_refused(db: psycopg.Connection, lead_id: str, channel: str) -> None:
    """The lead converts; the student then opts out of `channel` (recorded on the profile only)."""
    db.execute(STUDENT_OPTS_OUT, (add_student_from_lead(db, lead_id), channel))


def test_a_student_who_refused_whatsapp_and_fills_in_the_form_again_gets_no_whatsapp(db, course_id):
    first = _submit(db, email="asha@example.com", phone="9876543210", consents={})
    _student_who_refused(db, first.lead_id, "whatsapp")
    db.execute("update public.cta_submissions set submitted_at = now() - interval '2 hours'")
    again = _submit(db, email="asha@example.com", phone="9876543210", consents=ALL)
    assert again.lead_id == first.lead_id
    assert _queued(db, first.lead_id) == [("call", "start_call"), ("email", "send")]
    assert [row[0] for row in db.execute(WELCOMES_ON_THE_TIMELINE, (first.lead_id,))] == ["call", "email"]
    channels = db.execute(
        "select payload #> '{render,channels}' from public.outbox where channel = 'email'"
    ).fetchone()[0]
    assert channels == ["email", "call"]  # the email promises the call, not the WhatsApp


def test_approval_leaves_out_what_the_student_refused_after_the_form(db):
    course_id = db.execute(COURSE).fetchone()[0]  # no batch yet: the intake has nothing to offer
    intake = _submit(db, email="asha@example.com", phone="9876543210", consents=ALL)
    assert _queued(db, intake.lead_id) == []
    _student_who_refused(db, intake.lead_id, "call")
    db.execute(BATCH, (course_id,))
    submission = db.execute(SUBMISSION, (intake.lead_id,)).fetchone()[0]
    decision = decide_submission(
        db, submission, approve=True, admin_id=add_user(db, "admin"), note=None, files_url=FILES
    )
    assert decision.messages_queued == 2
    assert _queued(db, intake.lead_id) == [("email", "send"), ("whatsapp", "send")]


def test_another_students_opt_out_does_not_silence_a_lead(db, course_id):
    other = _submit(db, email="ravi@example.com", consents={})
    _student_who_refused(db, other.lead_id, "email")
    intake = _submit(db, email="asha@example.com", phone="9876543210", consents=ALL)
    assert _queued(db, intake.lead_id) == [("call", "start_call"), ("email", "send"), ("whatsapp", "send")]
