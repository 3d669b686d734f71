"""A success status the message adapters cannot read is an acceptance, never a plain failure; AiSensy's 2xx
saying `success` false is a final refusal in its own words (decision 0695). Over real HTTP to a stand-in:
the sandbox always answers these providers well."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from automation.providers.aisensy import CAMPAIGN_PATH, AiSensyWhatsApp
from automation.providers.bolna import CALL_PATH, BolnaVoice
from automation.providers.errors import ProviderAcceptedUnreadable, ProviderRefused
from automation.providers.http import ProviderSession
from automation.providers.ports import Call, Email, WhatsAppTemplate
from automation.providers.sendgrid import SEND_PATH, SendGridEmail
from tests.support.scripted_provider import Answer, ScriptedProvider

TEMPLATE = WhatsAppTemplate("msg-1", "+919812345678", "Asha", "welcome", ("Asha",))
EMAIL = Email("msg-2", "asha@example.com", "Asha", "Welcome", "Hello")
CALL = Call("msg-3", "+919812345678")


@pytest.fixture
def stand_in() -> Iterator[ScriptedProvider]:
    with ScriptedProvider() as server:
        yield server


def whatsapp(url: str) -> AiSensyWhatsApp:
    return AiSensyWhatsApp(ProviderSession("aisensy", url), "key")


@pytest.mark.parametrize(
    "answer",
    [
        Answer.json(200, {"success": "true"}),
        Answer.json(200, {"success": True, "submitted_message_id": ""}),
        Answer(200, "OK"),
        Answer(200),
    ],
)
def test_an_aisensy_success_without_a_message_id_is_an_acceptance(stand_in, answer):
    stand_in.answers[CAMPAIGN_PATH] = answer
    with pytest.raises(ProviderAcceptedUnreadable) as unread:
        whatsapp(stand_in.url).send_template(TEMPLATE)
    assert (unread.value.provider, unread.value.answer["status"]) == ("aisensy", 200)
    assert unread.value.answer["body"] == answer.body


@pytest.mark.parametrize("success", [False, "false", "FALSE"])
def test_an_aisensy_success_saying_false_is_a_final_refusal_in_its_words(stand_in, success):
    said = {"success": success, "message": "No Plan active on assistant!"}
    stand_in.answers[CAMPAIGN_PATH] = Answer.json(200, said)
    with pytest.raises(ProviderRefused) as refused:
        whatsapp(stand_in.url).send_template(TEMPLATE)
    assert not refused.value.retryable
    assert str(refused.value) == "aisensy: refused it (HTTP 200): No Plan active on assistant!"


def test_an_aisensy_answer_with_its_id_is_accepted(stand_in):
    said = {"success": "true", "submitted_message_id": "ais-1", "extra": 1}
    stand_in.answers[CAMPAIGN_PATH] = Answer.json(200, said)
    assert whatsapp(stand_in.url).send_template(TEMPLATE).provider_message_id == "ais-1"


def test_a_sendgrid_202_without_x_message_id_is_an_acceptance(stand_in):
    stand_in.answers[SEND_PATH] = Answer(202)
    email = SendGridEmail(ProviderSession("sendgrid", stand_in.url), "key", "hi@demo.example", "Demo", None)
    with pytest.raises(ProviderAcceptedUnreadable) as unread:
        email.send_email(EMAIL)
    assert (unread.value.status, unread.value.missing) == (202, "an X-Message-Id")


@pytest.mark.parametrize(
    "answer", [Answer.json(200, {"message": "done", "status": "queued"}), Answer(200, "<html>ok</html>")]
)
def test_a_bolna_success_without_an_execution_id_is_an_acceptance(stand_in, answer):
    stand_in.answers[CALL_PATH] = answer
    voice = BolnaVoice(ProviderSession("bolna", stand_in.url), "key", "agent-1", None)
    with pytest.raises(ProviderAcceptedUnreadable) as unread:
        voice.start_call(CALL)
    assert (unread.value.provider, unread.value.missing) == ("bolna", "an execution_id")
