"""The WhatsApp port through AiSensy's adapter against the sandbox over HTTP, and its signed webhooks."""

from __future__ import annotations

import pytest
import requests

from automation.messages.status import MessageStatus
from automation.providers.bootstrap import bootstrap_providers
from automation.providers.errors import ProviderAPIError
from automation.providers.ports import Media, WhatsAppTemplate
from automation.webhooks import aisensy as hooks
from automation.webhooks.events import InboundMessage, StatusUpdate
from tests.integration.providers.checks import assert_transient_failures_are_retryable, refusal

SIGNATURE = "x-aisensy-signature"


def template(phone: str = "+919812345678", **changes: object) -> WhatsAppTemplate:
    fields = {
        "message_id": "msg-7",
        "phone": phone,
        "name": "Asha",
        "campaign": "follow_up_day_3",
        "params": ("Asha", "Young Entrepreneurs Lab", "5 January 2026"),
    }
    return WhatsAppTemplate(**{**fields, **changes})  # type: ignore[arg-type]


def scheme(sandbox) -> hooks.SignatureScheme:
    return hooks.SignatureScheme(secret=sandbox.env["AISENSY_WEBHOOK_SECRET"])


def verified_events(sandbox, receiver, count: int) -> list[StatusUpdate | InboundMessage]:
    posts = receiver.on("/webhooks/aisensy", count)
    assert all(hooks.verify_signature(scheme(sandbox), post.header(SIGNATURE), post.body) for post in posts)
    return [hooks.parse(post.body) for post in posts]


def test_sends_the_campaign_with_params_and_media(providers, sandbox):
    media = Media("https://coachbase.test/brochure.pdf", "brochure.pdf")
    accepted = providers.whatsapp.send_template(template(media=media))
    (record,) = sandbox.records("aisensy", "whatsapp")
    assert record["details"]["message_id"] == accepted.provider_message_id
    assert record["payload"]["media"] == {"url": media.url, "filename": "brochure.pdf"}
    assert record["details"]["text"].startswith(
        "Hi Asha, seats are filling for the Young Entrepreneurs Lab batch"
    )


@pytest.mark.parametrize(
    ("name", "user_name"), [("", "+919812345678"), ("  ", "+919812345678"), (" Asha", "Asha")]
)
def test_a_contact_without_a_name_is_named_by_their_number(providers, sandbox, name, user_name):
    providers.whatsapp.send_template(template(name=name))
    (record,) = sandbox.records("aisensy", "whatsapp")
    assert record["payload"]["userName"] == user_name


def test_status_updates_arrive_signed_and_move_forward(providers, sandbox, receiver):
    accepted = providers.whatsapp.send_template(template())
    updates = verified_events(sandbox, receiver, 3)
    assert [u.status for u in updates] == [MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ]
    assert {u.provider_message_id for u in updates} == {accepted.provider_message_id}
    assert {u.recipient for u in updates} == {"+919812345678"}


def test_forged_status_updates_are_rejected(providers, sandbox, receiver):
    providers.whatsapp.send_template(template())
    post = receiver.on("/webhooks/aisensy", 1)[0]
    signature = post.header(SIGNATURE)
    assert not hooks.verify_signature(scheme(sandbox), signature, post.body.replace(b"sent", b"read"))
    assert not hooks.verify_signature(hooks.SignatureScheme(secret="guess"), signature, post.body)
    assert not hooks.verify_signature(scheme(sandbox), None, post.body)


def test_a_number_ending_0000_fails_with_a_reason(providers, sandbox, receiver):
    providers.whatsapp.send_template(template(phone="+919800000000"))
    (update,) = verified_events(sandbox, receiver, 1)
    assert update.status == MessageStatus.FAILED
    assert "not on WhatsApp" in update.detail


def test_a_contact_writing_in_arrives_as_an_incoming_message(sandbox, receiver):
    form = {"phone": "+91 98123 45678", "name": "Asha", "text": "Band karo!"}
    requests.post(f"{sandbox.url}/aisensy/_sandbox/inbound", json=form, timeout=5).raise_for_status()
    (message,) = verified_events(sandbox, receiver, 1)
    assert isinstance(message, InboundMessage)
    assert (message.sender, message.sender_name, message.text) == ("+919812345678", "Asha", "Band karo!")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"campaign": "no_such_campaign"}, "Campaign does not exist."),
        ({"params": ("only one",)}, "Template params"),
        ({"phone": "12"}, "Invalid Number"),
        ({"media": Media("ftp://files.example/brochure.pdf", "b.pdf")}, "Media url"),
    ],
)
def test_invalid_requests_get_a_final_error(providers, change, says):
    with pytest.raises(ProviderAPIError) as failure:
        providers.whatsapp.send_template(template(**change))
    assert (failure.value.status, failure.value.retryable) == (400, False)
    assert says in failure.value.body


def test_a_wrong_api_key_is_refused(settings):
    wrong = settings.model_copy(update={"aisensy_api_key": "wrong"})
    failure = refusal(lambda: bootstrap_providers(wrong).whatsapp.send_template(template()))
    assert (failure.status, failure.retryable) == (401, False)


def test_rate_limits_and_server_errors_are_retryable(providers, sandbox):
    assert_transient_failures_are_retryable(sandbox, lambda: providers.whatsapp.send_template(template()))
    assert sandbox.records("aisensy") == []
