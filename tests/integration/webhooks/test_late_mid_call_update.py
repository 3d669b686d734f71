"""A call only moves forward: a mid-call update arriving after the call ended keeps the final figures."""

from __future__ import annotations

import json

from tests.integration.webhooks.conftest import Delivery
from tests.integration.webhooks.test_webhooks import channel_status, send_welcome

CALL = """
select status::text, duration_seconds, transcript, recording_url, summary, extracted_data
  from public.call_logs
"""
# As if Bolna's "call-disconnected" post had not reached us before "completed" did: it arrives only now.
NOT_YET_RECEIVED = "delete from public.webhook_events where event_id like '%%:call-disconnected'"


def test_a_late_mid_call_update_leaves_the_completed_calls_figures(stack):
    send_welcome(stack)
    stack.wait_for("select status = 'completed' and transcript is not null from public.call_logs")
    stack.settled(CALL)
    bolna = [d for d in stack.deliveries if d.path.startswith("/webhooks/bolna")]
    completed = json.loads(next(d for d in bolna if json.loads(d.body)["status"] == "completed").body)
    before = (stack.db.execute(CALL).fetchone(), channel_status(stack, "call"))
    assert before[0][:2] == ("completed", completed["conversation_duration"])
    stack.db.execute(NOT_YET_RECEIVED)

    telephony = completed["telephony_data"] | {
        "duration": "3",
        "recording_url": "https://rec.test/partial.mp3",
    }
    late = completed | {
        "status": "call-disconnected", "conversation_duration": 3, "transcript": "assistant: Hello",
        "telephony_data": telephony, "extracted_data": {"summary": "cut off"},
    }  # fmt: skip
    path, headers = bolna[0].path, bolna[0].headers
    assert stack.post(Delivery(path, headers, json.dumps(late).encode())).status_code == 200

    assert (stack.db.execute(CALL).fetchone(), channel_status(stack, "call")) == before
    late_event = (
        "select processed_at is not null from public.webhook_events where event_id like '%%:call-dis%%'"
    )
    assert stack.value(late_event) is True  # recorded and done with
