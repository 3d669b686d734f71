"""Enqueueing writes the timeline row and the outbox row together, once per idempotency key."""

from __future__ import annotations

import pytest

from automation.outbox.enqueue import (
    Addressed,
    Cause,
    Enqueued,
    enqueue_many,
    enqueue_message,
    enqueue_outgoing,
    enqueue_request,
)
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


TIMELINE_OF = """
select o.payload ->> 'to_email', m.body, m.status::text, c.lead_id::text
  from public.outbox o join public.crm_messages m on m.id = o.crm_message_id
  join public.conversations c on c.id = m.conversation_id
 where o.id = %s and m.id = %s
"""


def add_lead(db, n: int) -> str:
    return insert_lead(db, email=f"lead{n}@example.com", phone=f"+91981234560{n}")


def addressed(n: int, lead: str, key: str | None = None) -> Addressed:
    return Addressed(
        recipient(lead, email=f"lead{n}@example.com"), reply_context(f"Hello {n}"), key or f"many:{n}"
    )


def test_many_messages_are_queued_in_order_each_on_its_own_lead_s_timeline(db):
    leads = [add_lead(db, n) for n in range(3)]
    messages = [addressed(n, lead) for n, lead in enumerate(leads)]
    results = enqueue_many(db, channel="email", template="reply_to_contact", messages=messages)
    rows = [db.execute(TIMELINE_OF, (r.outbox_id, r.crm_message_id)).fetchone() for r in results]
    assert all(result.created for result in results)
    assert [(to, f"Hello {n}" in body, status, lead) for n, (to, body, status, lead) in enumerate(rows)] == [
        (f"lead{n}@example.com", True, "queued", lead) for n, lead in enumerate(leads)
    ]


def test_a_key_queued_before_or_given_twice_is_written_once(db):
    first, second = add_lead(db, 0), add_lead(db, 1)
    earlier = enqueue_many(db, channel="email", template="reply_to_contact", messages=[addressed(0, first)])
    again = [addressed(0, first), addressed(1, second), addressed(1, second, "many:1")]
    results = enqueue_many(db, channel="email", template="reply_to_contact", messages=again)
    assert [r.created for r in results] == [False, True, False]
    assert results[0] == Enqueued(earlier[0].outbox_id, earlier[0].crm_message_id, False)
    assert (results[2].outbox_id, results[2].crm_message_id) == (
        results[1].outbox_id,
        results[1].crm_message_id,
    )
    assert db.execute("select count(*) from public.outbox").fetchone()[0] == 2
    assert db.execute("select count(*) from public.crm_messages").fetchone()[0] == 2
