"""Enqueueing writes the timeline row and the outbox row together, once per idempotency key."""

from __future__ import annotations

import pytest

from automation.outbox.enqueue import Cause, enqueue_message, enqueue_outgoing, enqueue_request
from tests.integration.outbox.fixtures import insert_lead, recipient, reply_context, welcome


def outbox_rows(db):
    return db.execute(
        "select o.channel::text, o.operation, o.status::text, m.status::text, m.body"
        " from public.outbox o left join public.crm_messages m on m.id = o.crm_message_id order by o.channel"
    ).fetchall()


def test_the_welcome_messages_are_queued_on_the_timeline_and_in_the_outbox(db):
    lead = insert_lead(db)
    results = [enqueue_outgoing(db, message, recipient(lead)) for message in welcome(lead)]
    assert all(result.created for result in results)
    rows = outbox_rows(db)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("email", "send", "pending", "queued"),
        ("whatsapp", "send", "pending", "queued"),
        ("call", "start_call", "pending", "queued"),
    ]
    assert "Young Founders" in rows[1][4]


def test_a_repeated_dedupe_key_enqueues_nothing_and_returns_the_first_ids(db):
    lead = insert_lead(db)
    args = {
        "channel": "whatsapp",
        "template": "reply_to_contact",
        "recipient": recipient(lead),
        "context": reply_context(),
        "dedupe_key": "reply:1",
        "cause": Cause("leads", lead),
    }
    first = enqueue_message(db, **args)
    again = enqueue_message(db, **args)
    assert (again.outbox_id, again.crm_message_id, again.created) == (
        first.outbox_id,
        first.crm_message_id,
        False,
    )
    assert db.execute("select count(*) from public.crm_messages").fetchone()[0] == 1


def test_a_recipient_without_the_channels_address_is_refused_naming_it(db):
    lead = insert_lead(db)
    with pytest.raises(ValueError, match=r"recipient\.email"):
        enqueue_message(
            db,
            channel="email",
            template="reply_to_contact",
            context=reply_context(),
            recipient=recipient(lead, email=None),
            dedupe_key="reply:2",
        )
    assert outbox_rows(db) == []


def test_a_provider_request_is_enqueued_once_without_a_timeline_row(db):
    args = {
        "channel": "auth",
        "operation": "invite_user",
        "payload": {"email": "new@example.com"},
        "idempotency_key": "invite:new@example.com",
    }
    first = enqueue_request(db, **args)
    again = enqueue_request(db, **args)
    assert (first.created, again.created, again.outbox_id, again.crm_message_id) == (
        True,
        False,
        first.outbox_id,
        None,
    )
