"""WhatsApp's 24-hour window (private.whatsapp_window_ends_at), which the CRM reply and the outbox gate read:
it opens with the person's own WhatsApp message and closes 24 hours after their last one."""

from __future__ import annotations

from automation.workflows.conversations import conversation_for
from tests.integration.outbox.fixtures import insert_lead

OPEN = "select coalesce(private.whatsapp_window_ends_at(%s, %s::public.contact_party) > now(), false)"
ENDS = """
select private.whatsapp_window_ends_at(%(c)s, 'self') - max(created_at)
  from public.crm_messages where conversation_id = %(c)s
"""


def inbound(db, conversation: str, hours_ago: int, party: str = "self") -> None:
    db.execute(
        "insert into public.crm_messages (conversation_id, party, channel, direction, body, status,"
        " created_at) values (%s, %s, 'whatsapp', 'inbound', 'hi', 'received',"
        " now() - make_interval(hours => %s))",
        (conversation, party, hours_ago),
    )


def window_open(db, conversation: str, party: str = "self") -> bool:
    return db.execute(OPEN, (conversation, party)).fetchone()[0]


def test_the_window_has_not_opened_before_the_contact_ever_wrote(db):
    conversation = conversation_for(db, insert_lead(db), None)
    ends = db.execute("select private.whatsapp_window_ends_at(%s, 'self')", (conversation,)).fetchone()[0]
    assert ends is None
    assert not window_open(db, conversation)


def test_the_window_is_open_for_24_hours_after_the_last_message_and_closed_after(db):
    conversation = conversation_for(db, insert_lead(db), None)
    inbound(db, conversation, hours_ago=25)
    assert not window_open(db, conversation)
    inbound(db, conversation, hours_ago=23)
    assert window_open(db, conversation)
    assert str(db.execute(ENDS, {"c": conversation}).fetchone()[0]) == "1 day, 0:00:00"


def test_the_window_is_per_person_a_parents_message_does_not_open_the_students(db):
    conversation = conversation_for(db, insert_lead(db), None)
    inbound(db, conversation, hours_ago=1, party="parent")
    assert window_open(db, conversation, "parent")
    assert not window_open(db, conversation, "self")
