"""Consent is a person's: a lead and the student profile it converted into refuse a channel together, so an
opt-out recorded on either stops messages addressed to the other (decision 0664)."""

from __future__ import annotations

from automation.messages.catalog import Channel, Reply
from automation.outbox import gate, store
from automation.outbox.enqueue import Recipient, enqueue_outgoing
from automation.workflows.consent import Party, record_opt_in, record_opt_out
from automation.workflows.crm_replies import send_reply
from tests.integration.outbox.fixtures import insert_lead, recipient, welcome
from tests.support.users import add_student_from_lead, add_user

OPT_OUT = """
insert into public.consents (lead_id, profile_id, party, channel, state, source)
values (%s, %s, %s, 'email', 'opted_out', 'inbound_keyword')
"""


def claimed_emails(conn) -> list[dict]:
    return [r for r in store.claim(conn, "gatekeeper", 10, stale_seconds=300) if r["channel"] == "email"]


def decisions(conn, rows: list[dict]) -> dict[str, gate.Decision]:
    """The gate's decision on each email, by its address."""
    with conn.transaction():
        decided = gate.decide(conn, rows)
    return {row["payload"]["to_email"]: found for row, found in zip(rows, decided, strict=True)}


def test_a_students_opt_out_skips_a_crm_reply_to_the_lead_they_were(outbox_db):
    lead, other = insert_lead(outbox_db), insert_lead(outbox_db, "ravi@example.com", "+919812345679")
    student = add_student_from_lead(outbox_db, lead)
    admin = add_user(outbox_db, "admin")
    with outbox_db.transaction():
        send_reply(outbox_db, lead, Channel.EMAIL, Reply("reply-1", "", "See you on Saturday."), admin)
        for message in welcome(other, "ravi@example.com", "+919812345679")[:1]:
            enqueue_outgoing(outbox_db, message, recipient(other, "ravi@example.com", "+919812345679"))
    outbox_db.execute(OPT_OUT, (None, student, "self"))  # while the reply waits (queueing refuses it after)
    found = decisions(outbox_db, claimed_emails(outbox_db))
    assert found["asha@example.com"] == gate.Skip("the contact opted out of email")
    assert not isinstance(found["ravi@example.com"], gate.Skip)


def test_a_leads_opt_out_skips_a_message_to_the_student_profile_and_only_for_that_party(outbox_db):
    lead = insert_lead(outbox_db)
    student = add_student_from_lead(outbox_db, lead)
    outbox_db.execute(OPT_OUT, (lead, None, "parent"))
    to_student = Recipient("Asha Rao", profile_id=student, email="asha@example.com")
    (email, *_) = welcome(lead)
    with outbox_db.transaction():
        enqueue_outgoing(outbox_db, email, to_student)
    rows = claimed_emails(outbox_db)
    only_the_parent_refused = decisions(outbox_db, rows)["asha@example.com"]
    assert not isinstance(only_the_parent_refused, gate.Skip)
    outbox_db.execute(OPT_OUT, (lead, None, "self"))
    assert decisions(outbox_db, rows)["asha@example.com"] == gate.Skip("the contact opted out of email")


def test_taking_an_opt_out_back_on_the_lead_lifts_the_students_too(outbox_db):
    lead = insert_lead(outbox_db)
    student = add_student_from_lead(outbox_db, lead)
    record_opt_out(outbox_db, Party(None, student), "email", "inbound_keyword")
    assert record_opt_in(outbox_db, Party(lead, None), "email", "inbound_keyword") is not None
    with outbox_db.transaction():
        enqueue_outgoing(outbox_db, welcome(lead)[0], recipient(lead))
    assert decisions(outbox_db, claimed_emails(outbox_db))["asha@example.com"] == gate.Go("sendgrid")
