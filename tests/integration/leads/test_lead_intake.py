"""Lead intake in one transaction: upsert and merge, submission, consents, the welcome only where allowed."""

from __future__ import annotations

import psycopg
import pytest

from automation.workflows.lead_intake import FieldError, LeadForm, submit_lead

FILES = "http://files.test/course-files"
ALL = {"email": True, "whatsapp": True, "call": True}


def _submit(db: psycopg.Connection, **fields):
    values = {"name": "Asha Rao", "course_slug": "spoken-english", **fields}
    return submit_lead(db, LeadForm.model_validate(values), dedupe_minutes=60, files_url=FILES)


def _queued(db: psycopg.Connection, lead_id: str) -> list[tuple[str, str]]:
    rows = db.execute(
        "select channel::text, operation from public.outbox where lead_id = %s order by channel", (lead_id,)
    )
    return rows.fetchall()


def _count(db: psycopg.Connection, table: str, lead_id: str) -> int:
    query = f"select count(*) from public.{table} where lead_id = %s"
    return db.execute(query, (lead_id,)).fetchone()[0]  # type: ignore[index]


def test_a_new_lead_gets_its_submission_consents_and_the_whole_welcome(db, course_id):
    intake = _submit(db, email="Asha@Example.com", phone="98765 43210", consents=ALL)
    assert intake.created
    query = "select email::text, phone, source::text, course_id::text from public.leads where id = %s"
    lead = db.execute(query, (intake.lead_id,)).fetchone()
    assert lead == ("asha@example.com", "+919876543210", "form", course_id)
    assert _count(db, "cta_submissions", intake.lead_id) == 1
    assert _count(db, "consents", intake.lead_id) == 3
    assert _queued(db, intake.lead_id) == [("call", "start_call"), ("email", "send"), ("whatsapp", "send")]


def test_only_consented_channels_are_messaged(db, course_id):
    intake = _submit(db, email="asha@example.com", phone="9876543210", consents={"email": True})
    assert _queued(db, intake.lead_id) == [("email", "send")]


OPT_OUT_OF_EMAIL = """
insert into public.consents (lead_id, channel, state, source) values (%s, 'email', 'opted_out', 'admin')
"""


def test_an_opted_out_channel_stays_silent_even_when_the_form_ticks_it(db, course_id):
    first = _submit(db, email="asha@example.com", consents={})
    db.execute(OPT_OUT_OF_EMAIL, (first.lead_id,))
    db.execute("update public.cta_submissions set submitted_at = now() - interval '2 hours'")
    _submit(db, email="asha@example.com", consents={"email": True})
    assert _queued(db, first.lead_id) == []


def test_a_repeat_within_the_window_merges_and_enqueues_nothing_new(db, course_id):
    first = _submit(db, email="asha@example.com", consents=ALL)
    again = _submit(db, email="ASHA@example.com", phone="+91 98765 43210", consents=ALL)
    assert (again.lead_id, again.created) == (first.lead_id, False)
    assert _count(db, "cta_submissions", first.lead_id) == 1
    assert _queued(db, first.lead_id) == [("email", "send")]
    phone = db.execute("select phone from public.leads where id = %s", (first.lead_id,)).fetchone()[0]
    assert phone is None  # a form never adds an address to an existing lead (0678)


def test_a_phone_match_merges_gaps_and_keeps_the_first_touch_attribution(db, course_id):
    first = _submit(db, phone="9876543210", course_slug=None, utm={"source": "instagram"})
    utm = {"source": "google", "medium": "cpc"}
    again = _submit(db, email="asha@example.com", phone="09876543210", utm=utm)
    assert again.lead_id == first.lead_id
    row = db.execute(
        "select email, utm_source, utm_medium, course_id::text from public.leads where id = %s",
        (first.lead_id,),
    ).fetchone()
    assert row == (None, "instagram", "cpc", course_id)  # the new email stays on the submission (0678)


def test_an_email_match_wins_over_another_leads_phone(db, course_id):
    by_phone = _submit(db, phone="9876543210")
    by_email = _submit(db, email="asha@example.com")
    again = _submit(db, email="asha@example.com", phone="9876543210")
    assert again.lead_id == by_email.lead_id != by_phone.lead_id
    phone = db.execute("select phone from public.leads where id = %s", (by_email.lead_id,)).fetchone()[0]
    assert phone is None  # the number stays with the lead that has it


MIXED_CASE_LEAD = """
insert into public.leads (full_name, email, source) values ('Asha', 'Asha@Example.com', 'form')
"""


def test_an_address_stored_in_other_case_is_the_same_lead(db, course_id):
    db.execute(MIXED_CASE_LEAD)
    again = _submit(db, email="asha@example.com", consents=ALL)
    assert not again.created
    assert db.execute("select count(*) from public.leads").fetchone()[0] == 1


def test_the_honeypot_is_answered_and_stores_nothing(db, course_id):
    intake = _submit(db, email="bot@example.com", website="http://spam.example", consents=ALL)
    assert intake.created
    assert db.execute("select count(*) from public.leads").fetchone()[0] == 0
    assert db.execute("select count(*) from public.outbox").fetchone()[0] == 0


def test_an_unknown_course_names_the_field(db, course_id):
    with pytest.raises(FieldError) as raised:
        _submit(db, email="asha@example.com", course_slug="no-such-course")
    assert raised.value.field == "course_slug"
