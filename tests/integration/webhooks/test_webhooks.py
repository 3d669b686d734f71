"""Provider callbacks over real HTTP: statuses go forward, replays change nothing, forgeries write nothing."""

from __future__ import annotations

import dataclasses
import time

import psycopg
import pytest

from automation import create_app
from automation.outbox.enqueue import enqueue_outgoing
from automation.webhooks import sendgrid
from automation.workflows.provider_webhooks import NOT_YET, apply_waiting_events, find_waiting_events
from tests.integration.outbox.fixtures import insert_lead, recipient, welcome
from tests.integration.webhooks.conftest import Delivery
from tests.support.settings import settings_for_tests

# Our rows as JSON, minus the columns a no-op update would still touch: what "changes nothing" compares.
SNAPSHOT = """
select jsonb_build_object(
  'messages', (select jsonb_agg(to_jsonb(m) - 'updated_at' order by m.id) from public.crm_messages m),
  'email', (select jsonb_agg(to_jsonb(e) - 'updated_at' order by e.message_id) from public.email_logs e),
  'whatsapp', (select jsonb_agg(to_jsonb(w) - 'updated_at' order by w.message_id)
                 from public.whatsapp_logs w),
  'calls', (select jsonb_agg(to_jsonb(c) - 'updated_at' order by c.message_id) from public.call_logs c),
  'consents', (select jsonb_agg(to_jsonb(c) - 'recorded_at' order by c.id) from public.consents c),
  'outbox', (select jsonb_agg(to_jsonb(o) - 'updated_at' order by o.id) from public.outbox o),
  'threads', (select jsonb_agg(to_jsonb(t) order by t.id) from public.conversations t),
  'leads', (select count(*) from public.leads),
  'events', (select jsonb_agg(to_jsonb(w) order by w.provider, w.event_id) from public.webhook_events w))
"""
WAITING_NONE = """
select not exists (select from public.webhook_events where processed_at is null and error = %s)
"""


def send_welcome(stack, email="asha@example.com", phone="+919812345678") -> str:
    with stack.db.transaction():
        lead = insert_lead(stack.db, email, phone)
        for message in welcome(lead, email, phone):
            enqueue_outgoing(stack.db, message, recipient(lead, email, phone))
    assert stack.worker.run_once() == 3
    return lead


def channel_status(stack, channel: str) -> str:
    return stack.value(
        "select status::text from public.crm_messages where channel = %s and direction = 'outbound'", channel
    )


def test_callbacks_move_every_status_forward_and_replaying_them_twice_changes_nothing(stack):
    send_welcome(stack)
    stack.wait_for("select click_count = 1 from public.email_logs")
    stack.wait_for("select read_at is not null from public.whatsapp_logs")
    stack.wait_for("select status = 'completed' and transcript is not null from public.call_logs")
    assert (channel_status(stack, "email"), channel_status(stack, "whatsapp")) == ("read", "read")
    assert channel_status(stack, "call") == "delivered"
    before = stack.settled(SNAPSHOT)  # late callbacks (e.g. a delivered after the read) applied first
    deliveries = list(stack.deliveries)
    assert {d.path.split("/")[2] for d in deliveries} == {"sendgrid", "aisensy", "bolna"}
    for _ in range(2):
        assert all(stack.post(d).status_code == 200 for d in deliveries)
    assert stack.value(SNAPSHOT) == before


def test_forged_or_unsigned_callbacks_get_401_and_write_nothing(stack):
    send_welcome(stack)
    stack.wait_for("select status = 'completed' from public.call_logs")
    stack.wait_for("select click_count = 1 from public.email_logs")
    stack.wait_for("select read_at is not null from public.whatsapp_logs")
    before = stack.settled(SNAPSHOT)
    for d in list(stack.deliveries):
        forged = Delivery(d.path, d.headers, d.body.replace(b"delivered", b"read_____"))
        stripped = Delivery(d.path, {k: v for k, v in d.headers.items() if "Signature" not in k}, d.body)
        if d.path.startswith("/webhooks/bolna/"):
            forged = Delivery("/webhooks/bolna/not-the-secret", d.headers, d.body)
            stripped = Delivery("/webhooks/bolna", d.headers, d.body)  # 127.0.0.1 is not Bolna's address
        for attempt in (forged, stripped):
            if attempt.body != d.body or attempt.path != d.path or attempt.headers != d.headers:
                assert stack.post(attempt).status_code == 401, attempt.path
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    inbound = Delivery("/webhooks/sendgrid/inbound/wrong", form, b"from=a%40b.example&text=STOP")
    assert stack.post(inbound).status_code == 401
    assert stack.value(SNAPSHOT) == before


def test_a_parents_whatsapp_joins_the_students_thread_marked_as_the_parent(stack):
    lead = send_welcome(stack)
    stack.db.execute(
        "update public.leads set parent_phone = '+919822222222', parent_name = 'Ravi Rao' where id = %s",
        (lead,),
    )
    stack.sandbox(
        "/aisensy/_sandbox/inbound",
        {"phone": "+919822222222", "name": "Ravi", "text": "Is there a batch on Sunday?"},
    )
    stack.wait_for("select count(*) = 1 from public.crm_messages where direction = 'inbound'")
    found = stack.db.execute(
        "select m.party::text, m.body, c.lead_id::text, c.last_inbound_at is not null"
        " from public.crm_messages m join public.conversations c on c.id = m.conversation_id"
        " where m.direction = 'inbound'"
    ).fetchone()
    assert found == ("parent", "Is there a batch on Sunday?", lead, True)
    assert stack.value("select count(*) from public.leads") == 1


def test_an_opt_out_word_records_the_opt_out_and_sends_one_confirmation_then_nothing(stack):
    lead = send_welcome(stack)
    for _ in range(2):
        stack.sandbox("/aisensy/_sandbox/inbound", {"phone": "+919812345678", "text": "Band karo please"})
    stack.wait_for("select count(*) = 2 from public.crm_messages where direction = 'inbound'")
    consent = stack.db.execute(
        "select channel::text, state::text, source::text from public.consents"
    ).fetchall()
    assert consent == [("whatsapp", "opted_out", "inbound_keyword")]
    assert stack.worker.run_once() == 1
    confirmations = [
        r
        for r in stack.records("aisensy", "whatsapp")
        if r["payload"]["campaignName"] == "opt_out_confirmation"
    ]
    assert len(confirmations) == 1
    whatsapp_again = dataclasses.replace(welcome(lead)[1], dedupe_key="again")
    with stack.db.transaction():
        enqueue_outgoing(stack.db, whatsapp_again, recipient(lead))
    stack.worker.run_once()
    assert stack.value("select status::text from public.outbox where idempotency_key = 'again'") == "skipped"
    assert len(stack.records("aisensy", "whatsapp")) == 2


def test_a_bounce_suppresses_email_for_that_contact(stack):
    send_welcome(stack, email="asha+bounce@example.com")
    stack.wait_for("select bounce_type is not null from public.email_logs")
    assert channel_status(stack, "email") == "bounced"
    consent = stack.db.execute(
        "select channel::text, state::text, source::text from public.consents"
    ).fetchall()
    assert consent == [("email", "opted_out", "email_bounce")]


def test_a_block_fails_the_message_but_keeps_emailing_the_address(stack):
    send_welcome(stack, email="asha+blocked@example.com")
    stack.wait_for("select bounce_reason is not null from public.email_logs")
    assert channel_status(stack, "email") == "failed"
    assert stack.value("select count(*) from public.consents") == 0


def test_sendgrid_events_without_a_configured_key_get_401_and_write_nothing(fresh_db_url):
    settings = settings_for_tests(supabase_db_url=fresh_db_url, db_pool_min_size=0)
    assert settings.sendgrid_webhook_public_key is None
    headers = {sendgrid.SIGNATURE_HEADER: "MEUCIQ==", sendgrid.TIMESTAMP_HEADER: str(int(time.time()))}
    client = create_app(settings).test_client()
    response = client.post(
        "/webhooks/sendgrid/events", data=b"[]", headers=headers, content_type="application/json"
    )
    assert response.status_code == 401
    with psycopg.connect(fresh_db_url) as db:
        assert db.execute("select count(*) from public.webhook_events").fetchone() == (0,)


@pytest.mark.parametrize(
    ("phone", "disposition"),
    [("+919800003333", "stopped-in-bolna"), ("+919800004444", "not-placed-bolna-balance-low")],
)
def test_a_stopped_or_unaffordable_call_ends_failed_with_a_disposition(stack, phone, disposition):
    send_welcome(stack, phone=phone)
    stack.wait_for("select ended_at is not null from public.call_logs")
    found = stack.db.execute("select status::text, ended_at is not null, disposition from public.call_logs")
    assert found.fetchone() == ("failed", True, disposition)
    assert channel_status(stack, "call") == "failed"


def test_an_email_reply_joins_the_thread_by_address(stack):
    lead = send_welcome(stack)
    email = stack.records("sendgrid", "email")[0]
    reply = {"email_record_id": email["id"], "from_email": "Asha@Example.com", "subject": "Re: welcome"}
    stack.sandbox("/sendgrid/_sandbox/reply", {**reply, "text": "Yes, I am interested!"})
    stack.wait_for("select count(*) = 1 from public.crm_messages where direction = 'inbound'")
    found = stack.db.execute(
        "select m.channel::text, m.body, c.lead_id::text from public.crm_messages m"
        " join public.conversations c on c.id = m.conversation_id where m.direction = 'inbound'"
    ).fetchone()
    assert found == ("email", "Yes, I am interested!", lead)


def test_a_status_that_beat_the_send_record_is_applied_on_the_services_own_connections(stack):
    """A fast provider's callback is stored as waiting; recording the send (on the pool's dict-row
    connections, as the worker does) acts on it."""
    send_welcome(stack)
    stack.wait_for("select read_at is not null from public.whatsapp_logs")
    # A real callback that raced the recording of the send is the sweep's (decision 0545): let it pass, so
    # that the only event left waiting is the one this test plants.
    stack.wait_for(WAITING_NONE, NOT_YET, sweeping=True)
    read = next(d for d in stack.deliveries if d.path.endswith("/aisensy") and b"status.read" in d.body)
    wamid = stack.value("select provider_message_id from public.crm_messages where channel = 'whatsapp'")
    stack.db.execute("update public.crm_messages set status = 'sent', read_at = null, delivered_at = null"
                     " where channel = 'whatsapp'")  # fmt: skip
    stack.db.execute(
        "insert into public.webhook_events"
        " (provider, event_id, event_type, signature_verified, headers, raw_body, error)"
        " values ('aisensy', 'early-read', 'message.status.read', true, '{}', %s, %s)",
        (read.body.decode(), NOT_YET),
    )
    with stack.worker.pool.connection() as conn, conn.transaction():
        assert apply_waiting_events(conn, find_waiting_events(conn, [("aisensy", wamid)])) == 1
    assert channel_status(stack, "whatsapp") == "read"
    assert stack.value(
        "select processed_at is not null from public.webhook_events where event_id = 'early-read'"
    )
