"""A form welcome that waited (quiet hours, retries) quotes the course's offer as it is when it goes: the
next batch that has not started and has a seat, today's fee, or no date at all when no batch is left."""

from __future__ import annotations

import pytest

from automation.messages import catalog, formatting
from automation.workflows.lead_intake import LeadForm, submit_lead
from tests.integration.leads.conftest import add_offered_course
from tests.integration.outbox.conftest import ALWAYS_OPEN
from tests.integration.outbox.test_gate_zone import ALMOST_ALWAYS_QUIET
from tests.support.users import add_user

FILES = "http://files.test/course-files"
ALL = {"email": True, "whatsapp": True, "call": True}
FORM = {"name": "Asha Rao", "email": "asha@example.com", "phone": "9812345678",
        "course_slug": "spoken-english", "consents": ALL}  # fmt: skip
SENT = """
select o.channel::text, m.body from public.outbox o join public.crm_messages m on m.id = o.crm_message_id
 where o.status = 'sent' order by o.channel
"""
DUE_NOW = "update public.outbox set next_attempt_at = now() where status = 'pending'"
MORNING = "select id, starts_on from public.batches where name = 'Morning'"
EVENING = """
insert into public.batches (course_id, name, starts_on, weekly_pattern, status)
select course_id, 'Evening', starts_on + 30, '[{"weekday": 2, "start": "18:00", "minutes": 90}]', 'planned'
  from public.batches where name = 'Morning'
returning starts_on
"""
STARTED = "update public.batches set starts_on = current_date - 1, status = 'running' where id = %s"
CANCELLED = "update public.batches set status = 'cancelled' where id = %s"
SEATED = "insert into public.enrollments (student_id, batch_id, status) values (%s, %s, 'active')"
FULL = "update public.batches set capacity = active_enrollments where id = %s"
NEW_FEE = "update public.courses set price_paise = 1500000"
DELETED = "delete from public.batches; delete from public.courses"


def close(conn, batch_id, how: str) -> None:
    """The batch can no longer be joined: it `started`, was `cancelled` or is `full`."""
    if how == "full":
        conn.execute(SEATED, (add_user(conn, "student"), batch_id))
        conn.execute(FULL, (batch_id,))
    else:
        conn.execute(STARTED if how == "started" else CANCELLED, (batch_id,))


def whatsapp_params(sandbox) -> list[str]:
    (sent,) = sandbox.records("aisensy")
    return sent["payload"]["templateParams"]


@pytest.mark.parametrize("how", ["started", "cancelled", "full"])
def test_a_welcome_held_overnight_quotes_the_batch_and_fee_current_when_it_goes(
    outbox_db, make_worker, sandbox, how
):
    add_offered_course(outbox_db)
    outbox_db.execute(ALMOST_ALWAYS_QUIET)
    submit_lead(outbox_db, LeadForm.model_validate(FORM), dedupe_minutes=60, files_url=FILES)
    assert make_worker().run_once() == 3  # the email goes; WhatsApp and the call wait for the morning
    (email,) = outbox_db.execute(SENT).fetchall()
    morning, morning_starts = outbox_db.execute(MORNING).fetchone()
    quoted = f"starts on {formatting.long_date(morning_starts)} (Saturdays at 10:00). The fee is ₹12,500."
    assert quoted in email[1]

    close(outbox_db, morning, how)
    evening_starts = outbox_db.execute(EVENING).fetchone()[0]
    outbox_db.execute(NEW_FEE)
    outbox_db.execute(ALWAYS_OPEN)
    outbox_db.execute(DUE_NOW)
    assert make_worker().run_once() == 2

    evening = formatting.long_date(evening_starts)
    assert whatsapp_params(sandbox)[3:5] == [evening, "₹15,000"]
    sent = dict(outbox_db.execute(SENT).fetchall())
    assert f"The next batch starts on {evening}; the fee is ₹15,000." in sent["whatsapp"]
    assert f"the next batch starts on {evening} (Tuesdays at 18:00); the fee is ₹15,000;" in sent["call"]
    assert formatting.long_date(morning_starts) not in sent["whatsapp"] + sent["call"]


@pytest.mark.parametrize("how", ["cancelled", "course deleted"])
def test_a_late_welcome_with_no_batch_left_quotes_no_date_and_promises_word_of_the_next(
    outbox_db, make_worker, sandbox, how
):
    add_offered_course(outbox_db)
    submit_lead(outbox_db, LeadForm.model_validate(FORM), dedupe_minutes=60, files_url=FILES)
    morning, morning_starts = outbox_db.execute(MORNING).fetchone()
    if how == "course deleted":
        outbox_db.execute(DELETED)
    else:
        outbox_db.execute(CANCELLED, (morning,))

    assert make_worker().run_once() == 3
    sent = dict(outbox_db.execute(SENT).fetchall())
    assert set(sent) == {"email", "whatsapp", "call"}
    no_date = "The dates of the next batch are not set yet; we will tell you as soon as it opens."
    assert f"{no_date} The fee is ₹12,500." in sent["email"]
    params = whatsapp_params(sandbox)
    assert (params[1], params[3], params[4]) == ("Spoken English", catalog.DATE_TO_COME, "₹12,500")
    assert f"The next batch starts on {catalog.DATE_TO_COME}; the fee is ₹12,500." in sent["whatsapp"]
    assert "no batch is open to join right now, so promise no date" in sent["call"]
    assert not [body for body in sent.values() if formatting.long_date(morning_starts) in body]
