"""The email port through SendGrid's adapter against the sandbox over HTTP, and the webhooks it calls back."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP

import pytest
import requests
from icalendar import Calendar, Event

from automation.messages.status import MessageStatus
from automation.providers.bootstrap import bootstrap_providers
from automation.providers.errors import ProviderAPIError
from automation.providers.ports import Attachment, Email
from automation.webhooks import sendgrid as hooks
from tests.integration.providers.checks import assert_transient_failures_are_retryable, refusal
from tests.support import vectors

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def invite() -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Coachbase//tests//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", "session-1@coachbase.test")
    event.add("summary", "First class")
    event.add("dtstart", datetime(2026, 1, 5, 4, 30, tzinfo=UTC))
    event.add("dtstamp", datetime(2025, 12, 1, tzinfo=UTC))
    calendar.add_component(event)
    return calendar.to_ical()


def email(to: str = "asha@example.com", **changes: object) -> Email:
    fields = {
        "message_id": "msg-1",
        "to_email": to,
        "to_name": "Asha",
        "subject": "Welcome",
        "text": "Hello Asha",
        "html": '<p>Hello <a href="https://coachbase.test/syllabus">Asha</a></p>',
        "categories": ("welcome",),
    }
    return Email(**{**fields, **changes})  # type: ignore[arg-type]


def test_sends_text_html_attachments_categories_and_our_message_id(providers, sandbox):
    files = (
        Attachment("invite.ics", invite(), "text/calendar; method=REQUEST"),
        Attachment("syllabus.pdf", PDF, "application/pdf"),
    )
    accepted = providers.email.send_email(email(attachments=files))
    (record,) = sandbox.records("sendgrid", "email")
    sent = record["payload"]
    assert record["details"]["message_id"] == accepted.provider_message_id
    assert [part["type"] for part in sent["content"]] == ["text/plain", "text/html"]
    assert sent["custom_args"] == {"coachbase_message_id": "msg-1"}
    assert sent["categories"] == ["welcome"]
    assert sent["reply_to"]["email"] == sandbox.env["SENDGRID_REPLY_TO_EMAIL"]
    by_name = {a["filename"]: a for a in sent["attachments"]}
    assert base64.b64decode(by_name["syllabus.pdf"]["content"]) == PDF
    assert by_name["invite.ics"]["type"] == "text/calendar; method=REQUEST"
    parsed = Calendar.from_ical(base64.b64decode(by_name["invite.ics"]["content"]))
    assert str(parsed.walk("VEVENT")[0]["summary"]) == "First class"


def test_commas_and_semicolons_leave_the_names_sendgrid_refuses_them_in(settings, sandbox):
    sender = settings.model_copy(update={"sendgrid_from_name": "Coachbase, Pune"})
    bootstrap_providers(sender).email.send_email(email(to_name="Kumar, Ravi; Jr."))
    (record,) = sandbox.records("sendgrid", "email")
    assert record["payload"]["personalizations"][0]["to"][0]["name"] == "Kumar Ravi Jr."
    assert record["payload"]["from"]["name"] == "Coachbase Pune"


def test_a_name_of_only_separators_is_left_out(providers, sandbox):
    providers.email.send_email(email(to_name=" ; , "))
    (record,) = sandbox.records("sendgrid", "email")
    assert "name" not in record["payload"]["personalizations"][0]["to"][0]


def test_signed_events_arrive_and_map_to_our_statuses(providers, sandbox, receiver):
    accepted = providers.email.send_email(email())
    batches = receiver.on("/webhooks/sendgrid/events", 4)
    key = sandbox.env["SENDGRID_WEBHOOK_PUBLIC_KEY"]
    updates = []
    for batch in batches:
        signature, timestamp = batch.header(hooks.SIGNATURE_HEADER), batch.header(hooks.TIMESTAMP_HEADER)
        assert hooks.verify_event_signature(key, signature, timestamp, batch.body)
        updates += hooks.parse_events(batch.body)
    assert [u.event for u in updates] == ["processed", "delivered", "open", "click"]
    assert [u.status for u in updates] == [
        MessageStatus.SENT,
        MessageStatus.DELIVERED,
        MessageStatus.READ,
        MessageStatus.READ,
    ]
    assert {u.message_id for u in updates} == {"msg-1"}
    assert {u.provider_message_id for u in updates} == {accepted.provider_message_id}
    assert updates[-1].detail == "https://coachbase.test/syllabus"


def test_forged_event_batches_are_rejected(providers, sandbox, receiver):
    providers.email.send_email(email())
    batch = receiver.on("/webhooks/sendgrid/events", 1)[0]
    key = sandbox.env["SENDGRID_WEBHOOK_PUBLIC_KEY"]
    signature, timestamp = batch.header(hooks.SIGNATURE_HEADER), batch.header(hooks.TIMESTAMP_HEADER)
    forged_body = batch.body.replace(b'"processed"', b'"delivered"')
    assert not hooks.verify_event_signature(key, signature, timestamp, forged_body)
    assert not hooks.verify_event_signature(key, signature, str(int(timestamp) + 1), batch.body)
    assert not hooks.verify_event_signature(vectors.PUBLIC_KEY, signature, timestamp, batch.body)


def test_a_bounce_address_bounces_and_asks_for_suppression(providers, receiver):
    providers.email.send_email(email(to="ravi+bounce@example.com"))
    batches = receiver.on("/webhooks/sendgrid/events", 2)
    updates = [u for b in batches for u in hooks.parse_events(b.body)]
    assert [u.status for u in updates] == [MessageStatus.SENT, MessageStatus.BOUNCED]
    assert updates[-1].suppression == "bounce"
    assert updates[-1].detail.startswith("550")


def test_a_reply_from_the_page_arrives_as_inbound_parse(providers, sandbox, receiver):
    accepted = providers.email.send_email(email())
    (record,) = sandbox.records("sendgrid", "email")
    form = {"email_record_id": str(record["id"]), "text": "Band karo\n\nOn Monday, Coachbase wrote:\n> Hello"}
    requests.post(f"{sandbox.url}/sendgrid/_sandbox/reply", json=form, timeout=5).raise_for_status()
    (post,) = receiver.on("/webhooks/sendgrid/inbound/", 1)
    secret = post.path.rsplit("/", 1)[1]
    assert hooks.inbound_secret_matches(sandbox.env["SENDGRID_INBOUND_SECRET"], secret)
    assert not hooks.inbound_secret_matches(sandbox.env["SENDGRID_INBOUND_SECRET"], secret + "x")
    assert post.header("content-type").startswith("multipart/form-data")
    message = hooks.parse_inbound(multipart_fields(post))
    assert (message.sender, message.text) == ("asha@example.com", "Band karo")
    assert message.in_reply_to == accepted.provider_message_id
    assert message.subject == "Re: Welcome"


def test_a_reply_needs_a_sender_and_text(sandbox):
    form = {"email_record_id": "not-a-number", "text": "hello"}
    response = requests.post(f"{sandbox.url}/sendgrid/_sandbox/reply", json=form, timeout=5)
    assert response.status_code == 400
    assert "from_email" in response.json()["error"]


def multipart_fields(post) -> dict[str, str]:
    """Parse the multipart body with the standard library's email parser, as a plain reader would."""
    head = f"Content-Type: {post.header('content-type')}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + post.body)
    return {
        part.get_param("name", header="content-disposition"): part.get_content()
        for part in message.iter_parts()
    }


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"to_email": "not-an-address"}, 400, "personalizations.0.to.0.email"),
        ({"text": "", "html": None}, 400, "content"),
    ],
)
def test_invalid_messages_get_a_final_error_naming_the_field(providers, change, status, field):
    with pytest.raises(ProviderAPIError) as failure:
        providers.email.send_email(email(**change))
    assert failure.value.status == status
    assert not failure.value.retryable
    assert field in {e["field"] for e in json.loads(failure.value.body)["errors"]}


def test_a_wrong_key_is_refused_for_good(settings):
    wrong = settings.model_copy(update={"sendgrid_api_key": "SG.wrong.key"})
    failure = refusal(lambda: bootstrap_providers(wrong).email.send_email(email()))
    assert (failure.status, failure.retryable) == (401, False)


def test_an_unverified_sender_is_forbidden(settings):
    stranger = settings.model_copy(update={"sendgrid_from_email": "someone@elsewhere.example"})
    assert refusal(lambda: bootstrap_providers(stranger).email.send_email(email())).status == 403


def test_rate_limits_and_server_errors_are_retryable(providers, sandbox):
    assert_transient_failures_are_retryable(sandbox, lambda: providers.email.send_email(email()))
    assert sandbox.records("sendgrid") == []
