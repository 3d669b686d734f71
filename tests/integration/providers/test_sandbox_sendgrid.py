"""The sandbox's SendGrid against providers.md section 1, spoken to with plain HTTP."""

from __future__ import annotations

import base64
import json

import pytest
import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

SIGNATURE = "x-twilio-email-event-webhook-signature"
TIMESTAMP = "x-twilio-email-event-webhook-timestamp"


def message(**changes: object) -> dict:
    body = {
        "personalizations": [{"to": [{"email": "asha@example.com"}]}],
        "from": {"email": "hello@coachbase.test"},
        "subject": "Hi",
        "content": [{"type": "text/plain", "value": "Hi"}, {"type": "text/html", "value": "<p>Hi</p>"}],
    }
    return {**body, **changes}


def send(sandbox, body: dict, key: str | None = None, **headers: str) -> requests.Response:
    token = key if key is not None else sandbox.env["SENDGRID_API_KEY"]
    return requests.post(
        f"{sandbox.url}/sendgrid/v3/mail/send",
        json=body,
        headers={"Authorization": f"Bearer {token}", **headers},
        timeout=5,
    )


def test_accepts_with_202_an_empty_body_and_an_x_message_id(sandbox):
    response = send(sandbox, message())
    assert response.status_code == 202
    assert response.content == b""
    assert len(response.headers["X-Message-Id"]) == 22


def test_sandbox_mode_validates_without_delivering(sandbox, receiver):
    response = send(sandbox, message(mail_settings={"sandbox_mode": {"enable": True}}))
    assert (response.status_code, response.content) == (200, b"")
    assert sandbox.records("sendgrid") == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (message(personalizations=[]), "personalizations"),
        (message(**{"from": {"name": "No address"}}), "from.email"),
        (message(reply_to={"email": "a@b.co"}, reply_to_list=[{"email": "c@d.co"}]), "reply_to"),
        (message(categories=[f"c{i}" for i in range(11)]), "categories"),
        (message(categories=["same", "same"]), "categories"),
        (
            message(
                content=[{"type": "text/html", "value": "<p>x</p>"}, {"type": "text/plain", "value": "x"}]
            ),
            "content",
        ),
        (
            message(personalizations=[{"to": [{"email": f"p{i}@example.com"} for i in range(1001)]}]),
            "personalizations",
        ),
        (message(attachments=[{"filename": "a.pdf", "content": "%%% not base64"}]), "attachments.0.content"),
        (message(subject=None), "subject"),
        (message(attachments=["not an object"]), "attachments.0"),
        (message(categories=[{"not": "a string"}]), "categories"),
    ],
)
def test_refuses_what_sendgrid_refuses_naming_the_field(sandbox, body, field):
    response = send(sandbox, {k: v for k, v in body.items() if v is not None})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in {e["field"] for e in errors}
    assert all(set(e) >= {"message", "field"} for e in errors)


def test_refuses_a_missing_or_wrong_key(sandbox):
    missing = requests.post(f"{sandbox.url}/sendgrid/v3/mail/send", json=message(), timeout=5)
    wrong = send(sandbox, message(), key="SG.nope")
    assert missing.status_code == wrong.status_code == 401
    assert missing.json()["errors"][0]["message"] == "authorization required"


def test_refuses_an_oversized_request(sandbox):
    response = requests.post(
        f"{sandbox.url}/sendgrid/v3/mail/send",
        data=b"x" * (30 * 1024 * 1024 + 1),
        headers={
            "Authorization": f"Bearer {sandbox.env['SENDGRID_API_KEY']}",
            "Content-Type": "application/json",
        },
        timeout=30,
    )
    assert response.status_code == 413


def test_the_signing_key_is_served_and_signs_every_batch(sandbox, receiver):
    settings = requests.get(
        f"{sandbox.url}/sendgrid/v3/user/webhooks/event/settings/signed",
        headers={"Authorization": f"Bearer {sandbox.env['SENDGRID_API_KEY']}"},
        timeout=5,
    ).json()
    assert settings["public_key"] == sandbox.env["SENDGRID_WEBHOOK_PUBLIC_KEY"]
    key = serialization.load_der_public_key(base64.b64decode(settings["public_key"]))
    send(sandbox, message())
    for batch in receiver.on("/webhooks/sendgrid/events", 4):
        signed = batch.header(TIMESTAMP).encode() + batch.body
        key.verify(base64.b64decode(batch.header(SIGNATURE)), signed, ec.ECDSA(hashes.SHA256()))
        assert batch.body.endswith(b"\r\n")


def test_events_flatten_custom_args_with_reserved_keys_winning_and_share_the_message_id(sandbox, receiver):
    custom = {"lead_id": "42", "event": "not-an-event"}
    response = send(sandbox, message(custom_args=custom, categories=["welcome"]))
    events = [e for b in receiver.on("/webhooks/sendgrid/events", 4) for e in json.loads(b.body)]
    assert [e["event"] for e in events] == ["processed", "delivered", "open", "click"]
    assert all(e["lead_id"] == "42" and e["category"] == "welcome" for e in events)
    assert all(e["sg_message_id"].startswith(response.headers["X-Message-Id"] + ".") for e in events)
    assert len({e["sg_event_id"] for e in events}) == 4
    assert "sg_sandbox_trace" in events[0]  # a key our parser does not know


def test_each_recipient_gets_their_own_outcome(sandbox, receiver):
    to = [
        {"email": "ok@example.com"},
        {"email": "gone+bounce@example.com"},
        {"email": "x+dropped@example.com"},
    ]
    send(sandbox, message(personalizations=[{"to": to}]))
    events = [e for b in receiver.on("/webhooks/sendgrid/events", 4) for e in json.loads(b.body)]
    by_email: dict[str, list[str]] = {}
    for event in events:
        by_email.setdefault(event["email"], []).append(event["event"])
    assert by_email == {
        "ok@example.com": ["processed", "delivered", "open", "click"],
        "gone+bounce@example.com": ["processed", "bounce"],
        "x+dropped@example.com": ["dropped"],
    }


def test_a_header_can_ask_for_an_outcome_and_an_unknown_one_is_refused(sandbox, receiver):
    send(sandbox, message(), **{"X-Sandbox-Outcome": "spamreport"})
    events = [e for b in receiver.on("/webhooks/sendgrid/events", 4) for e in json.loads(b.body)]
    assert events[-1]["event"] == "spamreport"
    assert send(sandbox, message(), **{"X-Sandbox-Outcome": "teleported"}).status_code == 400


def test_unhappy_rate_makes_messages_end_badly(sandbox):
    sandbox.behave(unhappy_rate=1.0)
    send(sandbox, message())
    (record,) = sandbox.records("sendgrid", "email")
    assert record["details"]["outcomes"]["asha@example.com"] in {"bounce", "blocked", "dropped"}
