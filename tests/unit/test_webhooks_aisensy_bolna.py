"""AiSensy's configurable HMAC and topics; Bolna's secret path or address list and call statuses."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from automation.messages.status import MessageStatus
from automation.webhooks import aisensy, bolna
from automation.webhooks.events import InboundMessage, StatusUpdate, WebhookPayloadError

BODY = json.dumps(
    {
        "id": "e1",
        "topic": "message.status.delivered",
        "data": {"message": {"id": "m1", "phone_number": "919812345678"}},
    }
).encode()


def test_aisensy_default_scheme_is_hex_hmac_sha256():
    scheme = aisensy.SignatureScheme(secret="shh")
    signature = hmac.new(b"shh", BODY, hashlib.sha256).hexdigest()
    assert aisensy.verify_signature(scheme, signature, BODY)
    assert aisensy.verify_signature(scheme, "sha256=" + signature.upper(), BODY)
    assert not aisensy.verify_signature(scheme, signature, BODY + b" ")
    assert not aisensy.verify_signature(aisensy.SignatureScheme(secret=""), signature, BODY)


def test_aisensy_scheme_can_use_another_hash():
    scheme = aisensy.SignatureScheme(secret="shh", header="X-Signature", algorithm="sha512")
    assert aisensy.verify_signature(scheme, hmac.new(b"shh", BODY, hashlib.sha512).hexdigest(), BODY)
    assert not aisensy.verify_signature(scheme, hmac.new(b"shh", BODY, hashlib.sha256).hexdigest(), BODY)


def envelope(topic: str, **message: object) -> bytes:
    return json.dumps(
        {"id": "e1", "topic": topic, "data": {"message": {"phone_number": "919812345678", **message}}}
    ).encode()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (BODY, MessageStatus.DELIVERED),
        (envelope("message.status.updated", id="m1", status="read"), MessageStatus.READ),
        (envelope("message.status.failed", id="m1", failure={"reason": "blocked"}), MessageStatus.FAILED),
    ],
)
def test_aisensy_status_topics_map_to_our_statuses(body, status):
    update = aisensy.parse(body)
    assert isinstance(update, StatusUpdate)
    assert (update.status, update.provider_message_id, update.recipient) == (status, "m1", "+919812345678")


def test_aisensy_incoming_messages_and_unknown_topics():
    message = aisensy.parse(
        envelope("message.sender.user", message_type="IMAGE", message_content={"caption": "बंद करो"})
    )
    assert isinstance(message, InboundMessage)
    assert message.text == "बंद करो"
    assert aisensy.parse(envelope("contact.created")) is None


@pytest.mark.parametrize(
    "body", [b"[]", b"nope", b'{"id": "", "topic": "x", "data": {"message": {}}}', b'{"id": 1}']
)
def test_aisensy_malformed_bodies_are_payload_errors(body):
    with pytest.raises(WebhookPayloadError):
        aisensy.parse(body)


@pytest.mark.parametrize(
    ("path_secret", "remote", "allowed"),
    [
        ("s3cret", "203.0.113.9", True),  # the secret path works from anywhere
        ("wrong", "13.203.39.153", False),  # a wrong secret fails even from Bolna's address
        (None, "13.203.39.153", True),
        (None, "10.1.2.3", True),  # networks are allowed too
        (None, "203.0.113.9", False),
        (None, "not-an-address", False),
    ],
)
def test_bolna_source_is_the_secret_path_or_an_allowed_address(path_secret, remote, allowed):
    assert bolna.verify_source("s3cret", path_secret, ("13.203.39.153", "10.0.0.0/8"), remote) is allowed


def execution(status: str, **extra: object) -> bytes:
    return json.dumps(
        {
            "id": "ex1",
            "status": status,
            "context_details": {"recipient_data": {"coachbase_message_id": "m9"}},
            **extra,
        }
    ).encode()


@pytest.mark.parametrize(
    ("body", "status", "disposition"),
    [
        (execution("queued"), MessageStatus.QUEUED, "queued"),
        (execution("ringing"), MessageStatus.SENT, "ringing"),
        (execution("call-disconnected"), MessageStatus.SENT, "call-disconnected"),
        (execution("completed", conversation_duration=42), MessageStatus.DELIVERED, "answered"),
        (execution("completed", conversation_time=7.5), MessageStatus.DELIVERED, "answered"),
        (execution("completed", conversation_duration=0), MessageStatus.FAILED, "not-answered"),
        (execution("no-answer"), MessageStatus.FAILED, "no-answer"),
        (execution("busy"), MessageStatus.FAILED, "busy"),
        (execution("balance-low"), MessageStatus.FAILED, "not-placed-bolna-balance-low"),
        (execution("stopped"), MessageStatus.FAILED, "stopped-in-bolna"),
    ],
)
def test_bolna_executions_map_to_our_statuses(body, status, disposition):
    update = bolna.parse_update(body)
    assert (update.status, update.disposition, update.message_id) == (status, disposition, "m9")
    assert update.event_id == f"ex1:{update.execution.status}"


@pytest.mark.parametrize("body", [b"[]", b"{}", b'{"id": "x"}', b"nope"])
def test_bolna_malformed_bodies_are_payload_errors(body):
    with pytest.raises(WebhookPayloadError):
        bolna.parse_update(body)
