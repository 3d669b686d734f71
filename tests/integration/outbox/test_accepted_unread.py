"""A provider that accepted a message with an answer we cannot read (no id) is never asked again: the row
waits in doubt for events naming it (email, calls), then is recorded sent; an explicit refusal on a 2xx is
final (decision 0695). The providers are a stand-in over real HTTP: the sandbox always answers well."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from psycopg.types.json import Jsonb

from automation.providers.aisensy import CAMPAIGN_PATH
from automation.providers.bolna import CALL_PATH
from automation.providers.bootstrap import bootstrap_providers
from automation.providers.sendgrid import SEND_PATH
from tests.integration.outbox.test_worker import count, enqueue_welcome, statuses
from tests.support.scripted_provider import Answer, ScriptedProvider

UNREAD = {
    SEND_PATH: Answer(202),
    CAMPAIGN_PATH: Answer.json(200, {"success": "true"}),
    CALL_PATH: Answer.json(200, {"message": "done", "status": "queued"}),
}
IN_DOUBT = "status = 'pending' and in_doubt_since is not null and answer ? 'unread' and attempts = 1"
GRACE_OVER = "update public.outbox set in_doubt_since = now() - interval '1 hour', next_attempt_at = now()"


@pytest.fixture
def stand_in() -> Iterator[ScriptedProvider]:
    with ScriptedProvider() as server:
        yield server


@pytest.fixture
def providers(settings, stand_in):
    bases = {f"{name}_api_base": stand_in.url for name in ("sendgrid", "aisensy", "bolna")}
    return bootstrap_providers(settings.model_copy(update=bases))


def recorded(conn, channel: str) -> tuple:
    return conn.execute(
        "select o.status::text, o.answer, o.result->>'unread' is not null, m.status::text,"
        " m.provider_message_id from public.outbox o join public.crm_messages m on m.id = o.crm_message_id"
        " where o.channel = %s",
        (channel,),
    ).fetchone()


def test_accepted_unread_messages_are_recorded_sent_and_never_sent_again(outbox_db, make_worker, stand_in):
    stand_in.answers.update(UNREAD)
    enqueue_welcome(outbox_db)
    worker = make_worker()
    worker.run_once()
    assert count(outbox_db, IN_DOUBT) == 3
    assert (
        "most likely sent, so it is not sent again"
        in outbox_db.execute("select last_error from public.outbox where channel = 'whatsapp'").fetchone()[0]
    )
    worker.run_once()  # WhatsApp's events never name our message: recorded at once
    assert recorded(outbox_db, "whatsapp") == ("sent", None, True, "sent", None)
    assert count(outbox_db, "result->>'held' = 'checking whether it was sent'") == 2
    outbox_db.execute(GRACE_OVER)
    worker.run_once()
    assert [s[:3] for s in statuses(outbox_db)] == [
        ("email", "sent", "sent"), ("whatsapp", "sent", "sent"), ("call", "sent", "sent")
    ]  # fmt: skip
    assert stand_in.posts == {SEND_PATH: 1, CAMPAIGN_PATH: 1, CALL_PATH: 1}
    assert worker.run_once() == 0


def test_an_accepted_unread_email_takes_its_id_from_the_providers_events(outbox_db, make_worker, stand_in):
    stand_in.answers.update(UNREAD)
    enqueue_welcome(outbox_db, phone=None)
    worker = make_worker()
    worker.run_once()
    message = outbox_db.execute("select crm_message_id::text from public.outbox").fetchone()[0]
    event = {"event": "processed", "sg_message_id": "sg-42.filter1", "coachbase_message_id": message}
    outbox_db.execute(
        "insert into public.webhook_events (provider, event_id, signature_verified, raw_body, payload)"
        " values ('sendgrid', 'ev-1', true, %s, %s)",
        (json.dumps(event), Jsonb(event)),
    )
    worker.run_once()
    assert recorded(outbox_db, "email") == ("sent", None, False, "sent", "sg-42")
    assert stand_in.posts == {SEND_PATH: 1}


def test_a_2xx_refusal_is_final_and_says_the_providers_words(outbox_db, make_worker, stand_in):
    said = {"success": "false", "message": "No Plan active on assistant!"}
    stand_in.answers[CAMPAIGN_PATH] = Answer.json(200, said)
    enqueue_welcome(outbox_db, email=None, phone="+919812345678")
    stand_in.answers[CALL_PATH] = Answer.json(200, {"execution_id": "ex-1"})
    make_worker().run_once()
    status, error = outbox_db.execute(
        "select status::text, last_error from public.outbox where channel = 'whatsapp'"
    ).fetchone()
    assert (status, error) == ("dead", "aisensy: refused it (HTTP 200): No Plan active on assistant!")
    assert [s[:3] for s in statuses(outbox_db)] == [("whatsapp", "dead", "failed"), ("call", "sent", "sent")]
    assert stand_in.posts == {CAMPAIGN_PATH: 1, CALL_PATH: 1}
