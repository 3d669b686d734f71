"""SendGrid's signature check against its published test vector, and its events in our terms."""

from __future__ import annotations

import json

import pytest

from automation.messages.status import MessageStatus
from automation.webhooks import sendgrid as hooks
from automation.webhooks.events import WebhookPayloadError
from tests.support import vectors

SIGNED_AT = int(vectors.TIMESTAMP)


def test_accepts_sendgrids_own_test_vector():
    assert hooks.verify_event_signature(
        vectors.PUBLIC_KEY, vectors.SIGNATURE, vectors.TIMESTAMP, vectors.BODY, now=SIGNED_AT
    )


@pytest.mark.parametrize(
    ("signature", "timestamp", "body"),
    [
        (vectors.SIGNATURE, vectors.TIMESTAMP, vectors.BODY.rstrip()),  # the exact bytes are signed
        (vectors.SIGNATURE, str(SIGNED_AT + 1), vectors.BODY),
        ("bm90IGEgc2lnbmF0dXJl", vectors.TIMESTAMP, vectors.BODY),
        ("%%%", vectors.TIMESTAMP, vectors.BODY),
        (None, vectors.TIMESTAMP, vectors.BODY),
        (vectors.SIGNATURE, None, vectors.BODY),
        (vectors.SIGNATURE, "yesterday", vectors.BODY),
        (
            vectors.SIGNATURE,
            "\u00b2" * 10,
            vectors.BODY,
        ),  # Latin-1 "²": isdigit(), not int()
        (vectors.SIGNATURE, vectors.TIMESTAMP, b"\xff\xfe not utf-8"),
    ],
)
def test_rejects_anything_else(signature, timestamp, body):
    assert not hooks.verify_event_signature(vectors.PUBLIC_KEY, signature, timestamp, body, now=SIGNED_AT)


def test_rejects_a_stale_signature_and_a_bad_key():
    late = SIGNED_AT + hooks.MAX_CLOCK_SKEW_SECONDS + 1
    assert not hooks.verify_event_signature(
        vectors.PUBLIC_KEY, vectors.SIGNATURE, vectors.TIMESTAMP, vectors.BODY, now=late
    )
    assert not hooks.verify_event_signature(
        "not-a-key", vectors.SIGNATURE, vectors.TIMESTAMP, vectors.BODY, now=SIGNED_AT
    )


def test_nothing_verifies_without_a_configured_key():
    assert not hooks.verify_event_signature(
        "", vectors.SIGNATURE, vectors.TIMESTAMP, vectors.BODY, now=SIGNED_AT
    )


def test_maps_the_vectors_dropped_event():
    (update,) = hooks.parse_events(vectors.BODY)
    assert update.status == MessageStatus.FAILED
    assert update.provider_message_id == "LRzXl_NHStOGhQ4kofSm_A"
    assert update.suppression == "bounce"
    assert update.event_id == vectors.EVENTS[0]["sg_event_id"]


def event(name: str, **extra: object) -> dict[str, object]:
    return {
        "email": "A@Example.com",
        "timestamp": 1,
        "event": name,
        "sg_event_id": name,
        "sg_message_id": "m.x",
        **extra,
    }


@pytest.mark.parametrize(
    ("raw", "status", "suppression"),
    [
        (event("processed"), MessageStatus.SENT, None),
        (event("deferred"), None, None),
        (event("delivered"), MessageStatus.DELIVERED, None),
        (event("open"), MessageStatus.READ, None),
        (event("click", url="https://x.example"), MessageStatus.READ, None),
        (event("bounce", type="bounce"), MessageStatus.BOUNCED, "bounce"),
        (event("bounce", type="blocked"), MessageStatus.FAILED, None),  # the message, not the address
        (event("dropped", reason="Bounced Address"), MessageStatus.FAILED, "bounce"),
        (event("dropped", reason="Spam Reporting Address"), MessageStatus.FAILED, "spam_report"),
        (event("spamreport"), None, "spam_report"),
        (event("group_unsubscribe"), None, "unsubscribe"),
        (event("dropped", reason="Unsubscribed Address"), MessageStatus.FAILED, None),
        (event("brand_new_event"), None, None),
    ],
)
def test_maps_each_event_to_our_status(raw, status, suppression):
    (update,) = hooks.parse_events(json.dumps([raw]).encode())
    assert (update.status, update.suppression, update.recipient) == (status, suppression, "a@example.com")


def test_reads_our_message_id_from_the_flattened_custom_args():
    (update,) = hooks.parse_events(json.dumps([event("open", coachbase_message_id="msg-3")]).encode())
    assert update.message_id == "msg-3"


@pytest.mark.parametrize("body", [b"{}", b"not json", b'[{"event": "open"}]', b"[1]"])
def test_malformed_batches_are_payload_errors(body):
    with pytest.raises(WebhookPayloadError):
        hooks.parse_events(body)


def test_inbound_parse_keeps_only_the_new_text_and_names_the_message_replied_to():
    form = {
        "from": "Asha Rao <Asha@Example.com>",
        "subject": "Re: Welcome",
        "text": "Is there a weekend batch?\r\n\r\nOn Mon, 5 Jan 2026, Coachbase <hello@coachbase.test>"
        " wrote:\r\n"
        "> Hi",
        "headers": "Message-ID: <abc@mail.example>\r\nIn-Reply-To: <Ua9z9lSTSaqYBWJe_Xfc-Q@ismtpd-1>\r\n",
        "dkim": "{@example.com : pass}",
        "SPF": "pass",
        "envelope": '{"to":["reply@coachbase.test"],"from":"Asha@Example.com"}',
    }
    message = hooks.parse_inbound(form)
    assert message.sender_verified
    assert (message.sender, message.sender_name) == ("asha@example.com", "Asha Rao")
    assert message.text == "Is there a weekend batch?"
    assert message.in_reply_to == "Ua9z9lSTSaqYBWJe_Xfc-Q"
    assert message.event_id == "<abc@mail.example>"


def test_inbound_parse_without_a_message_id_still_gets_a_stable_id():
    form = {"from": "asha@example.com", "text": "UNSUBSCRIBE"}
    assert hooks.parse_inbound(form).event_id == hooks.parse_inbound(dict(form)).event_id


def test_inbound_parse_without_authentication_fields_leaves_the_sender_unverified():
    assert not hooks.parse_inbound({"from": "asha@example.com", "text": "START"}).sender_verified


def test_inbound_parse_without_a_sender_is_a_payload_error():
    with pytest.raises(WebhookPayloadError):
        hooks.parse_inbound({"text": "hello"})


def test_the_inbound_secret_must_be_configured_and_match():
    assert hooks.inbound_secret_matches("s3cret", "s3cret")
    assert not hooks.inbound_secret_matches("s3cret", "s3cre")
    assert not hooks.inbound_secret_matches(None, "")
