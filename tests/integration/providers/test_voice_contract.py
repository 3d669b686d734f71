"""The voice port through Bolna's adapter against the sandbox over HTTP, and its execution webhooks."""

from __future__ import annotations

import pytest

from automation.messages.status import MessageStatus
from automation.providers.bootstrap import bootstrap_providers
from automation.providers.errors import ProviderAPIError
from automation.providers.ports import Call
from automation.webhooks import bolna as hooks
from automation.webhooks.events import CallUpdate
from tests.integration.providers.checks import assert_transient_failures_are_retryable, refusal

USER_DATA = {"first_name": "Asha", "course_name": "Young Entrepreneurs Lab", "fee": "₹12,500"}


def call(phone: str = "+919812345678") -> Call:
    return Call(message_id="msg-9", phone=phone, user_data=USER_DATA)


def updates(sandbox, receiver, count: int) -> list[CallUpdate]:
    posts = receiver.on("/webhooks/bolna/", count)
    secret = sandbox.env["BOLNA_WEBHOOK_SECRET"]
    for post in posts:
        assert hooks.verify_source(secret, post.path.rsplit("/", 1)[1], (), "127.0.0.1")
    return [hooks.parse_update(post.body) for post in posts]


def test_a_call_walks_to_completed_with_transcript_recording_and_extracted_data(providers, sandbox, receiver):
    started = providers.voice.start_call(call())
    assert started.status == "queued"
    found = updates(sandbox, receiver, 6)
    assert [u.execution.status for u in found] == [
        "queued",
        "initiated",
        "ringing",
        "in-progress",
        "call-disconnected",
        "completed",
    ]
    assert found[-1].status == MessageStatus.DELIVERED
    assert found[-1].disposition == "answered"
    assert {u.message_id for u in found} == {"msg-9"}
    assert {u.execution.execution_id for u in found} == {started.execution_id}
    fetched = providers.voice.get_execution(started.execution_id)  # names the duration conversation_time
    assert fetched.duration_seconds == found[-1].execution.duration_seconds > 0
    assert "Asha" in fetched.transcript
    assert fetched.extracted_data["interested"] is True
    assert fetched.recording_url.endswith(f"{started.execution_id}.wav")
    assert fetched.user_data["first_name"] == "Asha"


@pytest.mark.parametrize(("phone", "ending"), [("+919800000000", "no-answer"), ("+919811111111", "busy")])
def test_numbers_can_ask_for_no_answer_or_busy(providers, sandbox, receiver, phone, ending):
    providers.voice.start_call(call(phone))
    last = updates(sandbox, receiver, 4)[-1]
    assert (last.execution.status, last.status, last.disposition) == (ending, MessageStatus.FAILED, ending)


def test_a_post_with_the_wrong_secret_or_from_elsewhere_is_not_from_bolna(sandbox):
    secret = sandbox.env["BOLNA_WEBHOOK_SECRET"]
    assert not hooks.verify_source(secret, secret[:-1] + "x", (), "127.0.0.1")
    assert not hooks.verify_source(None, secret, (), "127.0.0.1")
    assert not hooks.verify_source(secret, None, ("13.203.39.153",), "127.0.0.1")


def test_invalid_numbers_and_unknown_executions_are_final_errors(providers):
    with pytest.raises(ProviderAPIError) as invalid:
        providers.voice.start_call(call("98123"))
    with pytest.raises(ProviderAPIError) as unknown:
        providers.voice.get_execution("00000000-0000-4000-8000-000000000000")
    assert (invalid.value.status, invalid.value.retryable) == (422, False)
    assert "recipient_phone_number" in invalid.value.body
    assert (unknown.value.status, unknown.value.retryable) == (404, False)


def test_a_wrong_key_is_refused(settings):
    wrong = settings.model_copy(update={"bolna_api_key": "bn-wrong"})
    failure = refusal(lambda: bootstrap_providers(wrong).voice.start_call(call()))
    assert (failure.status, failure.retryable) == (401, False)


def test_rate_limits_and_server_errors_are_retryable(providers, sandbox):
    assert_transient_failures_are_retryable(sandbox, lambda: providers.voice.start_call(call()))
