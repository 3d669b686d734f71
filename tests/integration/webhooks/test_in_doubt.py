"""A worker killed after the provider accepted its sends: the survivor finds the provider's events naming our
message id and records email and calls as sent without sending them again; WhatsApp goes again."""

from __future__ import annotations

from automation.outbox import store
from automation.outbox.enqueue import enqueue_outgoing
from automation.outbox.registry import handler_for
from tests.integration.outbox.fixtures import insert_lead, recipient, welcome

STALE = "update public.outbox set locked_at = now() - interval '1 hour'"
EVENTS = "select count(*) from public.webhook_events where provider = %s"


def killed_after_the_providers_accepted(stack, email="asha@example.com", phone="+919812345678") -> dict:
    """Enqueue the welcome, claim it as a worker that sends everything through the adapters and dies before
    recording anything; the provider ids each send got, by channel."""
    with stack.db.transaction():
        lead = insert_lead(stack.db, email, phone)
        for message in welcome(lead, email, phone):
            enqueue_outgoing(stack.db, message, recipient(lead, email, phone))
    claimed = store.claim(stack.db, "killed-worker", 10, stale_seconds=300)
    accepted = {}
    for row in claimed:
        sent = handler_for(row["channel"], row["operation"])(
            stack.worker.transaction, row, stack.worker.providers
        )
        accepted[row["channel"]] = next(iter(sent.result.values()))
    return accepted


def outbox(stack, channel: str) -> tuple:
    return stack.db.execute(
        "select o.status::text, o.result->>'provider_message_id', o.result->>'execution_id',"
        " o.result ? 'found', m.provider_message_id"
        " from public.outbox o join public.crm_messages m on m.id = o.crm_message_id where o.channel = %s",
        (channel,),
    ).fetchone()


def test_sends_the_provider_accepted_are_recorded_from_its_events_and_not_sent_again(stack):
    accepted = killed_after_the_providers_accepted(stack)
    stack.wait_for(EVENTS + " and event_type = 'delivered'", "sendgrid")
    stack.wait_for(EVENTS, "bolna")
    stack.db.execute(STALE)
    assert stack.worker.run_once() == 3
    assert outbox(stack, "email") == ("sent", accepted["email"], None, True, accepted["email"])
    assert outbox(stack, "call") == ("sent", None, accepted["call"], True, accepted["call"])
    assert outbox(stack, "whatsapp")[0] == "sent"
    assert len(stack.records("sendgrid", "email")) == len(stack.records("bolna", "call")) == 1
    assert len(stack.records("aisensy", "whatsapp")) == 2  # no evidence exists for WhatsApp: sent again
    assert stack.value("select provider_message_id from public.email_logs") == accepted["email"]
    assert stack.value("select execution_id from public.call_logs") == accepted["call"]
    # An event that arrived while the survivor recorded the send is the sweep's (decision 0545).
    stack.wait_for(
        "select bool_and(processed_at is not null) from public.webhook_events where provider = 'sendgrid'",
        sweeping=True,
    )
    assert stack.value("select delivered_at is not null from public.crm_messages where channel = 'email'")


def test_without_evidence_email_and_calls_wait_for_it_then_the_events_settle_them(stack):
    """The events had not arrived when the survivor looked (they are taken away here, then delivered again):
    email and call are held as 'checking'; once the events are in, the next look records them, still
    without a second send."""
    killed_after_the_providers_accepted(stack)
    # Every event the sandbox will send must be in before they are taken away: a straggler would be evidence.
    stack.wait_for(EVENTS + " and event_type = 'click'", "sendgrid")
    stack.wait_for(EVENTS + " and event_type = 'completed'", "bolna")
    late = [d for d in stack.deliveries if "/sendgrid" in d.path or "/bolna" in d.path]
    stack.db.execute("delete from public.webhook_events")
    stack.db.execute(STALE)
    assert stack.worker.run_once() == 3
    held = "status = 'pending' and result->>'held' = 'checking whether it was sent'"
    assert stack.value(f"select count(*) from public.outbox where {held}") == 2
    for delivery in late:
        assert stack.post(delivery).status_code == 200
    stack.db.execute("update public.outbox set next_attempt_at = now() where status = 'pending'")
    assert stack.worker.run_once() == 2
    assert stack.value("select count(*) from public.outbox where status = 'sent' and result ? 'found'") == 2
    assert len(stack.records("sendgrid", "email")) == len(stack.records("bolna", "call")) == 1
