"""Free-form WhatsApp only within 24 hours of the contact's last WhatsApp message; templates always."""

from __future__ import annotations

import pytest

from automation.workflows.conversations import conversation_for
from automation.workflows.whatsapp_window import WhatsAppWindowClosed, require_open_window
from tests.integration.outbox.fixtures import insert_lead


def inbound(db, conversation: str, hours_ago: int, party: str = "self") -> None:
    db.execute(
        "insert into public.crm_messages (conversation_id, party, channel, direction, body, status,"
        " created_at) values (%s, %s, 'whatsapp', 'inbound', 'hi', 'received',"
        " now() - make_interval(hours => %s))",
        (conversation, party, hours_ago),
    )


def test_a_template_may_always_be_sent(db):
    conversation = conversation_for(db, insert_lead(db), None)
    require_open_window(db, conversation, is_template=True)


def test_free_form_is_refused_before_the_contact_ever_wrote(db):
    conversation = conversation_for(db, insert_lead(db), None)
    with pytest.raises(WhatsAppWindowClosed, match=r"has not opened.*choose an approved template"):
        require_open_window(db, conversation, is_template=False)


def test_free_form_is_allowed_within_24_hours_and_refused_after(db):
    conversation = conversation_for(db, insert_lead(db), None)
    inbound(db, conversation, hours_ago=25)
    with pytest.raises(WhatsAppWindowClosed, match="closed at"):
        require_open_window(db, conversation, is_template=False)
    inbound(db, conversation, hours_ago=23)
    require_open_window(db, conversation, is_template=False)


def test_the_window_is_per_person_a_parents_message_does_not_open_the_students(db):
    conversation = conversation_for(db, insert_lead(db), None)
    inbound(db, conversation, hours_ago=1, party="parent")
    require_open_window(db, conversation, "parent", is_template=False)
    with pytest.raises(WhatsAppWindowClosed):
        require_open_window(db, conversation, "self", is_template=False)
