"""A group of accepted messages is recorded in one statement: timeline marked sent, each channel's log."""

from __future__ import annotations

from automation.outbox.enqueue import enqueue_outgoing
from automation.outbox.message_records import record_messages
from automation.outbox.registry import SentMessage
from tests.integration.outbox.fixtures import insert_lead, recipient, welcome


def welcome_messages(conn) -> dict[str, str]:
    """The three welcome messages of a new lead, by channel: their timeline ids."""
    lead = insert_lead(conn)
    with conn.transaction():
        for message in welcome(lead):
            enqueue_outgoing(conn, message, recipient(lead))
    rows = conn.execute("select channel::text, crm_message_id::text from public.outbox").fetchall()
    return dict(rows)


def accepted(ids: dict[str, str], suffix: str = "1") -> list[SentMessage]:
    return [
        SentMessage(ids["email"], "email", "sendgrid", f"sg-{suffix}",
                    {"to_email": "asha@example.com", "subject": "Welcome", "categories": ["welcome"]}),
        SentMessage(ids["whatsapp"], "whatsapp", "aisensy", f"wa-{suffix}",
                    {"to_phone": "+919812345678", "template_name": "welcome", "template_params": ["Asha"],
                     "media_url": None}, subject=None, body="Rendered now"),
        SentMessage(ids["call"], "call", "bolna", f"call-{suffix}", {"to_phone": "+919812345678"}),
    ]  # fmt: skip


TIMELINE = """
select channel::text, status::text, provider, provider_message_id, body = 'Rendered now', sent_at is not null
  from public.crm_messages
"""


def test_one_call_records_every_channel_of_the_group(outbox_db):
    ids = welcome_messages(outbox_db)
    record_messages(outbox_db, accepted(ids))
    assert sorted(outbox_db.execute(TIMELINE).fetchall()) == [
        ("call", "sent", "bolna", "call-1", False, True),
        ("email", "sent", "sendgrid", "sg-1", False, True),
        ("whatsapp", "sent", "aisensy", "wa-1", True, True),
    ]
    email = outbox_db.execute(
        "select to_email, subject, categories, provider_message_id from public.email_logs"
    )
    assert email.fetchall() == [("asha@example.com", "Welcome", ["welcome"], "sg-1")]
    whatsapp = outbox_db.execute(
        "select to_phone, template_name, template_params, media_url, provider_message_id, sent_at is not null"
        " from public.whatsapp_logs"
    )
    assert whatsapp.fetchall() == [("+919812345678", "welcome", ["Asha"], None, "wa-1", True)]
    calls = outbox_db.execute("select to_phone, execution_id, status::text from public.call_logs").fetchall()
    assert calls == [("+919812345678", "call-1", "queued")]


def test_a_resend_after_a_crash_keeps_one_log_row_with_the_new_provider_id(outbox_db):
    ids = welcome_messages(outbox_db)
    record_messages(outbox_db, accepted(ids, "1"))
    record_messages(outbox_db, accepted(ids, "2"))
    logs = outbox_db.execute(
        "select (select array_agg(provider_message_id) from public.email_logs),"
        " (select array_agg(provider_message_id) from public.whatsapp_logs),"
        " (select array_agg(execution_id) from public.call_logs)"
    ).fetchone()
    assert logs == (["sg-2"], ["wa-2"], ["call-2"])


def test_a_message_already_delivered_stays_delivered(outbox_db):
    ids = welcome_messages(outbox_db)
    outbox_db.execute("update public.crm_messages set status = 'sent' where id = %s", (ids["email"],))
    outbox_db.execute("update public.crm_messages set status = 'delivered' where id = %s", (ids["email"],))
    record_messages(outbox_db, accepted(ids)[:1])
    status = outbox_db.execute("select status::text from public.crm_messages where id = %s", (ids["email"],))
    assert status.fetchone() == ("delivered",)
