"""The form's welcome is queued by one SQL call with facts, rendered at send time like the approval's."""

from __future__ import annotations

from automation.messages import catalog
from automation.workflows.lead_intake import LeadForm, submit_lead
from automation.workflows.offers import offer_facts, offer_from
from tests.integration.leads.conftest import add_offered_course

FILES = "http://files.test/course-files"
ALL = {"email": True, "whatsapp": True, "call": True}
FORM = {"name": "Asha Rao", "email": "asha@example.com", "phone": "9812345678",
        "course_slug": "spoken-english", "consents": ALL}  # fmt: skip
TIMELINE = """
select o.channel::text, m.status::text, m.subject, m.body from public.outbox o
  join public.crm_messages m on m.id = o.crm_message_id order by o.channel
"""


def test_the_form_welcome_is_rendered_when_sent_and_the_timeline_gets_its_text(
    outbox_db, make_worker, sandbox
):
    course_id = add_offered_course(outbox_db)
    lead = submit_lead(outbox_db, LeadForm.model_validate(FORM), dedupe_minutes=60, files_url=FILES).lead_id
    assert [row[1:] for row in outbox_db.execute(TIMELINE)] == [("queued", None, None)] * 3
    assert make_worker().run_once() == 3
    offer = offer_from(offer_facts(outbox_db, course_id), FILES)
    contact = catalog.Contact(lead, "Asha", "asha@example.com", "+919812345678")
    going = list(ALL)  # every box ticked: each message may mention the others
    expected = {m.channel: m.content for m in catalog.welcome(contact, offer.course, offer.center, going)}
    email, whatsapp, call = outbox_db.execute(TIMELINE).fetchall()
    assert "will call you shortly" in email[3]
    assert email == ("email", "sent", expected["email"].subject, expected["email"].text)
    assert whatsapp == ("whatsapp", "sent", None, expected["whatsapp"].text)
    assert call == ("call", "sent", None, expected["call"].user_data["brief"])
    sent = sandbox.records("sendgrid", "email")[0]["payload"]
    assert sent["subject"] == expected["email"].subject
    assert f"{FILES}/spoken-english/syllabus.pdf" in expected["email"].text
    assert sandbox.records("aisensy")[0]["payload"]["templateParams"] == list(expected["whatsapp"].params)


def test_the_form_and_the_approval_share_the_welcome_keys(outbox_db):
    add_offered_course(outbox_db)
    submit_lead(outbox_db, LeadForm.model_validate(FORM), dedupe_minutes=60, files_url=FILES)
    keys = [row[0] for row in outbox_db.execute("select idempotency_key from public.outbox order by 1")]
    lead, course = outbox_db.execute("select id, course_id from public.leads").fetchone()
    assert keys == sorted(catalog.dedupe_key("welcome", c, str(lead), str(course)) for c in catalog.Channel)
