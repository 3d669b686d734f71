"""Inbound email over real HTTP is the contact's only when their domain vouched for it (decision 0674): a
forged STOP or START changes no consent and no follow-up, and is filed and shown as unverified."""

from __future__ import annotations

import json

import requests

from tests.integration.sequences.test_sequence_tick import ENROLL, SEQUENCE
from tests.integration.webhooks.test_inbound_consent import CONSENTS, INBOUND_COUNT, email_in
from tests.integration.webhooks.test_webhooks import send_welcome

ASHA = "asha@example.com"
INBOUND = """
select m.body, m.claimed_sender, m.party::text from public.crm_messages m
 where m.direction = 'inbound' order by m.created_at
"""
ADD_WORD = "update public.automation_settings set opt_out_keywords = array_append(opt_out_keywords, %s)"
CLAIMED_BY = "select count(*) from public.crm_messages where claimed_sender = %s"
STORED = "select processed_at is not null and error is null from public.webhook_events where provider = %s"
THREAD = "select last_message_preview, unread_count, last_inbound_at is not null from public.conversations"


def forged_email_in(stack, text: str) -> None:
    """The sandbox's reply form as a stranger uses it: Asha's address in From, SPF fails, no DKIM."""
    welcome_email = stack.records("sendgrid", "email")[0]
    reply = {"email_record_id": welcome_email["id"], "text": text, "forged": True}
    stack.sandbox("/sendgrid/_sandbox/reply", reply)


def post_inbound(stack, text: str, message_id: str, **authentication: str) -> requests.Response:
    """An Inbound Parse post from Asha's address carrying the given SPF, dkim and envelope fields."""
    form = {
        "from": f"Asha <{ASHA}>", "to": "reply@coachbase.test", "subject": "Re: Welcome", "text": text,
        "headers": f"Message-ID: <{message_id}>\n", **authentication,
    }  # fmt: skip
    url = f"{stack.service_url}/webhooks/sendgrid/inbound/{stack.settings.sendgrid_inbound_secret}"
    return requests.post(url, data=form, timeout=10)


def test_a_forged_start_after_a_real_stop_is_kept_and_shown_unverified_and_lifts_nothing(stack):
    send_welcome(stack)
    email_in(stack, "STOP")
    stack.wait_for(INBOUND_COUNT, 1)
    assert stack.worker.run_once() == 1  # the opt-out's confirmation
    forged_email_in(stack, "START")
    stack.wait_for(INBOUND_COUNT, 2)
    assert stack.db.execute(CONSENTS).fetchall() == [("email", "opted_out", "inbound_keyword")]
    assert stack.worker.run_once() == 0  # no opt-in confirmation
    assert stack.db.execute(INBOUND).fetchall() == [("STOP", None, "self"), ("START", ASHA, "self")]
    preview, unread, _ = stack.db.execute(THREAD).fetchone()
    assert preview.startswith("Unverified sender: ")
    assert unread == 2
    assert stack.db.execute(STORED, ("sendgrid_inbound",)).fetchall() == [(True,), (True,)]


def test_forged_requests_in_every_language_change_no_consent_and_stop_no_follow_up(stack):
    lead = send_welcome(stack)
    stack.db.execute(ENROLL, (stack.value(SEQUENCE), lead))
    stack.db.execute(ADD_WORD, ("Nahi chahiye",))
    outbox = stack.value("select count(*) from public.outbox")
    words = ["STOP", "बंद", "band karo", "stop karo", "Unsubscribe", "Nahi chahiye", "शुरू करो", "shuru karo"]
    for word in words:
        forged_email_in(stack, word)
    stack.wait_for(INBOUND_COUNT, len(words))
    assert stack.db.execute(CONSENTS).fetchall() == []
    assert stack.value("select count(*) from public.outbox") == outbox
    assert stack.value("select status::text from public.sequence_enrollments") == "active"
    assert stack.value(CLAIMED_BY, ASHA) == len(words)
    assert stack.db.execute(THREAD).fetchone()[1:] == (len(words), False)  # unread, yet not a reply of hers


def test_a_genuine_reply_still_stops_follow_ups_and_counts_as_hers(stack):
    lead = send_welcome(stack)
    stack.db.execute(ENROLL, (stack.value(SEQUENCE), lead))
    email_in(stack, "Is there a weekend batch?")
    stack.wait_for(INBOUND_COUNT, 1)
    assert stack.value("select stop_reason from public.sequence_enrollments") == "replied"
    assert stack.db.execute(THREAD).fetchone() == ("Re: Asha, your Young Founders syllabus is here", 1, True)


def test_her_domains_signature_verifies_a_forwarded_start_but_spf_of_another_domain_does_not(stack):
    send_welcome(stack)
    email_in(stack, "STOP")
    stack.wait_for(INBOUND_COUNT, 1)
    elsewhere = json.dumps({"to": ["reply@coachbase.test"], "from": "relay@forwarder.example"})
    spf_elsewhere = {"SPF": "pass", "dkim": "{@forwarder.example : pass}", "envelope": elsewhere}
    assert post_inbound(stack, "START", "a@forwarder.example", **spf_elsewhere).status_code == 200
    assert stack.db.execute(CONSENTS).fetchall() == [("email", "opted_out", "inbound_keyword")]
    signed = {
        "SPF": "fail",
        "dkim": "{@forwarder.example : pass, @example.com : pass}",
        "envelope": elsewhere,
    }
    assert post_inbound(stack, "START", "b@forwarder.example", **signed).status_code == 200
    assert stack.db.execute(CONSENTS).fetchall() == [("email", "opted_in", "inbound_keyword")]
    assert [row[1] for row in stack.db.execute(INBOUND).fetchall()] == [None, ASHA, None]
