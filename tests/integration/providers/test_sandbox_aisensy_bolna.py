"""The sandbox's AiSensy and Bolna against providers.md sections 2 and 3, spoken to with plain HTTP."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest
import requests


def campaign(sandbox, **changes: object) -> requests.Response:
    body = {
        "apiKey": sandbox.env["AISENSY_API_KEY"],
        "campaignName": "opt_out_confirmation",
        "destination": "9812345678",
        "userName": "Asha",
        "templateParams": ["Asha", "Coachbase Academy"],
    }
    return requests.post(f"{sandbox.url}/aisensy/campaign/t1/api/v2", json={**body, **changes}, timeout=5)


def test_aisensy_answers_success_as_the_string_true_with_a_message_id(sandbox):
    answer = campaign(sandbox).json()
    assert answer["success"] == "true"
    assert answer["submitted_message_id"]
    assert "aisTraceId" in answer  # beyond the documented keys
    (record,) = sandbox.records("aisensy", "whatsapp")
    assert record["details"]["phone"] == "919812345678"  # no country code reads as +91
    assert record["payload"]["apiKey"] != sandbox.env["AISENSY_API_KEY"]  # the page never shows the key


def test_aisensy_serves_the_older_path_too(sandbox):
    body = {"apiKey": sandbox.env["AISENSY_API_KEY"], "campaignName": "nope"}
    response = requests.post(f"{sandbox.url}/aisensy/campaign/t1/api", json=body, timeout=5)
    assert response.json() == {"message": "Campaign does not exist."}


def test_aisensy_refuses_media_that_is_not_a_public_url(sandbox):
    for media in ("https://example.com/a.pdf", {"url": "file:///etc/passwd"}):
        response = campaign(sandbox, media=media)
        assert response.status_code == 400
        assert "Media url" in response.json()["message"]


def test_aisensy_refuses_a_missing_key_and_a_missing_user_name(sandbox):
    assert campaign(sandbox, apiKey="").json()["errorCode"] == 401
    response = campaign(sandbox, userName=" ")
    assert (response.status_code, response.json()) == (400, {"message": "userName is required"})


def test_aisensy_signs_status_webhooks_with_hmac_sha256_of_the_raw_body(sandbox, receiver):
    campaign(sandbox)
    for post in receiver.on("/webhooks/aisensy", 3):
        secret = sandbox.env["AISENSY_WEBHOOK_SECRET"].encode()
        assert post.header("x-aisensy-signature") == hmac.new(secret, post.body, hashlib.sha256).hexdigest()
        assert post.header("x-aisensy-project-id")
    topics = [json.loads(post.body)["topic"] for post in receiver.requests]
    assert topics == ["message.status.sent", "message.status.delivered", "message.status.read"]


def call(sandbox, key: str | None = None, outcome: str | None = None, **changes: object) -> requests.Response:
    body = {"agent_id": sandbox.env["BOLNA_AGENT_ID"], "recipient_phone_number": "+919812345678", **changes}
    headers = {"Authorization": f"Bearer {key if key is not None else sandbox.env['BOLNA_API_KEY']}"}
    if outcome:
        headers["X-Sandbox-Outcome"] = outcome
    return requests.post(f"{sandbox.url}/bolna/call", json=body, headers=headers, timeout=5)


def test_bolna_queues_a_call_with_the_documented_answer(sandbox):
    answer = call(sandbox, user_data={"first_name": "Asha"}).json()
    assert (answer["message"], answer["status"]) == ("done", "queued")
    assert answer["execution_id"]


def test_bolna_refuses_a_wrong_key_and_an_unknown_agent(sandbox):
    assert call(sandbox, key="bn-nope").status_code == 401
    response = call(sandbox, agent_id="00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404


def test_bolna_answers_a_z_suffixed_schedule_with_a_500_as_it_does(sandbox):
    assert call(sandbox, scheduled_at="2030-01-01T10:00:00Z").status_code == 500


def test_bolna_refuses_a_schedule_less_than_two_minutes_ahead(sandbox):
    soon = (datetime.now(UTC) + timedelta(seconds=30)).isoformat()
    response = call(sandbox, scheduled_at=soon)
    assert response.status_code == 400
    assert "2 minutes" in response.json()["detail"]


def test_bolna_schedules_a_later_call(sandbox):
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    answer = call(sandbox, scheduled_at=later).json()
    assert answer["status"] == "scheduled"


def test_bolna_posts_the_whole_execution_on_every_change(sandbox, receiver):
    execution_id = call(sandbox).json()["execution_id"]
    posts = receiver.on("/webhooks/bolna/", 6)
    bodies = [json.loads(post.body) for post in posts]
    assert {b["id"] for b in bodies} == {execution_id}
    final = bodies[-1]
    assert final["status"] == "completed"
    assert final["conversation_duration"] > 0
    assert "conversation_time" not in final
    assert final["telephony_data"]["recording_url"]
    assert "smart_status" in final  # beyond the documented keys
    recording = requests.get(final["telephony_data"]["recording_url"], timeout=5)
    assert (recording.status_code, recording.content[:4]) == (200, b"RIFF")


@pytest.mark.parametrize("outcome", ["busy", "no-answer", "failed"])
def test_bolna_outcome_header_picks_the_ending(sandbox, receiver, outcome):
    assert call(sandbox, outcome=outcome).status_code == 200
    receiver.wait_for(lambda found: any(json.loads(r.body)["status"] == outcome for r in found))
