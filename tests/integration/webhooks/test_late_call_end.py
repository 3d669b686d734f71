"""A call's end is final: a later, different end state from Bolna is kept as a raw event only."""

from __future__ import annotations

import json

from tests.integration.webhooks.conftest import Delivery
from tests.integration.webhooks.test_webhooks import channel_status, send_welcome

CALL = "select status::text, disposition, duration_seconds from public.call_logs"


def test_an_error_after_a_completed_call_leaves_the_answered_call_as_it_was(stack):
    send_welcome(stack)
    stack.wait_for("select status = 'completed' and transcript is not null from public.call_logs")
    stack.settled(CALL)
    bolna = [d for d in stack.deliveries if d.path.startswith("/webhooks/bolna")]
    completed = next(d for d in bolna if json.loads(d.body)["status"] == "completed")
    before = (stack.db.execute(CALL).fetchone(), channel_status(stack, "call"))
    assert before[0][:2] == ("completed", "answered")
    assert before[1] == "delivered"

    late = json.loads(completed.body) | {"status": "error", "error_message": "telephony leg dropped"}
    response = stack.post(Delivery(completed.path, completed.headers, json.dumps(late).encode()))
    assert response.status_code == 200

    assert (stack.db.execute(CALL).fetchone(), channel_status(stack, "call")) == before
    late_event = "select processed_at is not null from public.webhook_events where event_id like '%%:error'"
    assert stack.value(late_event) is True  # recorded and done with, not left waiting for its call
