"""Inbound requests to stop and to start again over real HTTP: the admin's opt-out words count, START lifts
an opt-out once on its channel and confirms it once, and a replayed START changes nothing."""

from __future__ import annotations

import dataclasses

from automation.outbox.enqueue import enqueue_outgoing
from tests.integration.outbox.fixtures import recipient, welcome
from tests.integration.sequences.test_sequence_tick import ENROLL, SEQUENCE
from tests.integration.webhooks.test_webhooks import SNAPSHOT, send_welcome
from tests.support.users import add_student_from_lead

PHONE = "+919812345678"
CONSENTS = "select channel::text, state::text, source::text from public.consents order by channel"
INBOUND_COUNT = "select count(*) = %s from public.crm_messages where direction = 'inbound'"
CONFIRMATION = """
select subject, body from public.crm_messages where direction = 'outbound' and channel = 'email'
   and exists (select 1 from public.outbox o where o.crm_message_id = crm_messages.id
                 and o.idempotency_key like %s)
"""


def whatsapp_in(stack, text: str) -> None:
    stack.sandbox("/aisensy/_sandbox/inbound", {"phone": PHONE, "name": "Asha", "text": text})


def email_in(stack, text: str) -> None:
    welcome_email = stack.records("sendgrid", "email")[0]
    stack.sandbox("/sendgrid/_sandbox/reply", {"email_record_id": welcome_email["id"], "text": text})


def campaigns(stack, name: str) -> list[dict]:
    return [r for r in stack.records("aisensy", "whatsapp") if r["payload"]["campaignName"] == name]


def opted_out_of_whatsapp(stack) -> str:
    lead = send_welcome(stack)
    whatsapp_in(stack, "STOP")
    stack.wait_for(INBOUND_COUNT, 1)
    assert stack.worker.run_once() == 1  # the opt-out's confirmation
    return lead


def test_a_word_the_admin_added_opts_out_on_whatsapp_and_by_email(stack):
    send_welcome(stack)
    stack.db.execute("update public.automation_settings set opt_out_keywords = array['STOP', 'Nahi Chahiye']")
    whatsapp_in(stack, "nahi chahiye!")
    email_in(stack, "Nahi  chahiye.")
    stack.wait_for(INBOUND_COUNT, 2)
    assert stack.db.execute(CONSENTS).fetchall() == [
        ("email", "opted_out", "inbound_keyword"),
        ("whatsapp", "opted_out", "inbound_keyword"),
    ]
    assert stack.worker.run_once() == 2
    assert len(campaigns(stack, "opt_out_confirmation")) == 1
    subject, body = stack.db.execute(CONFIRMATION, ("opt_out_confirmation:%",)).fetchone()
    assert subject == "We have stopped sending you emails"
    assert "If that was a mistake, just reply START.\n" in body  # the center has no contact email
    assert "write to" not in body


def test_stop_karo_from_the_default_setting_opts_out(stack):
    send_welcome(stack)
    whatsapp_in(stack, "Stop karo 🙏")
    stack.wait_for(INBOUND_COUNT, 1)
    assert stack.db.execute(CONSENTS).fetchall() == [("whatsapp", "opted_out", "inbound_keyword")]
    assert stack.worker.run_once() == 1
    assert len(campaigns(stack, "opt_out_confirmation")) == 1


def test_start_opts_back_in_once_and_confirms_once(stack):
    lead = opted_out_of_whatsapp(stack)
    whatsapp_in(stack, "START")
    whatsapp_in(stack, "Start again please")
    stack.wait_for(INBOUND_COUNT, 3)
    assert stack.db.execute(CONSENTS).fetchall() == [("whatsapp", "opted_in", "inbound_keyword")]
    assert stack.worker.run_once() == 1
    (confirmation,) = campaigns(stack, "opt_in_confirmation")
    assert confirmation["payload"]["templateParams"] == ["Asha", "Coachbase Center"]
    whatsapp_again = dataclasses.replace(welcome(lead)[1], dedupe_key="again")
    with stack.db.transaction():
        enqueue_outgoing(stack.db, whatsapp_again, recipient(lead))
    assert stack.worker.run_once() == 1
    assert stack.value("select status::text from public.outbox where idempotency_key = 'again'") == "sent"


def test_start_by_email_lifts_only_the_email_opt_out(stack):
    send_welcome(stack)
    email_in(stack, "Unsubscribe")
    whatsapp_in(stack, "band karo")
    stack.wait_for(INBOUND_COUNT, 2)
    email_in(stack, "start")
    stack.wait_for(INBOUND_COUNT, 3)
    assert stack.db.execute(CONSENTS).fetchall() == [
        ("email", "opted_in", "inbound_keyword"),
        ("whatsapp", "opted_out", "inbound_keyword"),
    ]
    assert stack.worker.run_once() == 3
    subject, body = stack.db.execute(CONFIRMATION, ("opt_in_confirmation:%",)).fetchone()
    assert subject == "We will send you emails again"
    assert "As you asked, we will send you emails again." in body


def test_start_from_a_contact_who_never_opted_out_is_only_a_message(stack):
    send_welcome(stack)
    outbox = stack.value("select count(*) from public.outbox")
    whatsapp_in(stack, "START")
    stack.wait_for(INBOUND_COUNT, 1)
    assert stack.db.execute(CONSENTS).fetchall() == []
    assert stack.value("select count(*) from public.outbox") == outbox
    assert stack.value("select body from public.crm_messages where direction = 'inbound'") == "START"


def test_a_replayed_start_changes_nothing(stack):
    opted_out_of_whatsapp(stack)
    whatsapp_in(stack, "START")
    stack.wait_for(INBOUND_COUNT, 2)
    assert stack.worker.run_once() == 1
    before = stack.settled(SNAPSHOT)
    (start,) = [d for d in stack.deliveries if b"message.sender.user" in d.body and b'"START"' in d.body]
    for _ in range(2):
        assert stack.post(start).status_code == 200
    assert stack.value(SNAPSHOT) == before
    assert stack.worker.run_once() == 0
    assert len(campaigns(stack, "opt_in_confirmation")) == 1


def test_start_does_not_lift_a_bounce(stack):
    send_welcome(stack, email="asha+bounce@example.com")
    stack.wait_for("select exists (select from public.consents where source = 'email_bounce')")
    email_in(stack, "START")
    stack.wait_for(INBOUND_COUNT, 1)
    assert stack.db.execute(CONSENTS).fetchall() == [("email", "opted_out", "email_bounce")]
    assert stack.worker.run_once() == 0


def test_a_students_stop_silences_the_lead_they_were_and_stops_its_follow_ups(stack):
    lead = send_welcome(stack)
    student = add_student_from_lead(stack.db, lead, PHONE)
    stack.db.execute(ENROLL, (stack.value(SEQUENCE), lead))
    stack.db.execute("update public.sequences set stop_on_reply = false")  # stopped for the opt-out alone
    whatsapp_in(stack, "STOP")
    stack.wait_for(INBOUND_COUNT, 1)
    assert stack.worker.run_once() == 1  # the opt-out's confirmation
    assert stack.value("select profile_id::text from public.consents") == student
    assert stack.value("select stop_reason from public.sequence_enrollments") == "opted_out"
    to_the_lead = dataclasses.replace(welcome(lead)[1], dedupe_key="to-the-lead")
    with stack.db.transaction():
        enqueue_outgoing(stack.db, to_the_lead, recipient(lead))
    stack.worker.run_once()
    skipped = "select skip_reason from public.outbox where idempotency_key = 'to-the-lead'"
    assert stack.value(skipped) == "the contact opted out of whatsapp"
    assert len(campaigns(stack, "welcome")) == 1  # the welcome sent before the STOP, and no other


def test_a_second_stop_from_the_student_the_lead_became_is_not_confirmed_again(stack):
    lead = opted_out_of_whatsapp(stack)  # as the lead: recorded on the lead, confirmed
    student = add_student_from_lead(stack.db, lead, PHONE)
    whatsapp_in(stack, "STOP")  # as the student: recorded on the profile too, but nothing changed for them
    stack.wait_for(INBOUND_COUNT, 2)
    assert stack.value("select count(*) from public.consents where profile_id = %s", student) == 1
    assert stack.worker.run_once() == 0
    whatsapp_in(stack, "START")  # lifts both rows, confirmed once
    stack.wait_for(INBOUND_COUNT, 3)
    assert stack.db.execute(CONSENTS).fetchall() == [("whatsapp", "opted_in", "inbound_keyword")] * 2
    assert stack.worker.run_once() == 1
    assert len(campaigns(stack, "opt_out_confirmation")) == 1
    assert len(campaigns(stack, "opt_in_confirmation")) == 1
