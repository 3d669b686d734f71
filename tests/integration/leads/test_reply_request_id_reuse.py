"""A CRM reply's request id names one reply: a retry answers with what it queued, the same id sent with
another body, subject, channel or lead is refused (409) instead of answering with the earlier message."""

from __future__ import annotations

import psycopg

from tests.integration.leads.conftest import admin_client, bearer

FIRST = {"channel": "email", "subject": "Fees", "body": "See you on Saturday.\n\nBring the form.",
         "request_id": "reply-0001"}  # fmt: skip
OTHER_LEAD = (
    "insert into public.leads (full_name, email) values ('Ravi', 'ravi@example.com') returning id::text"
)
SENT = "select channel::text, body from public.crm_messages order by created_at, id"


def test_a_reply_request_id_reused_for_another_message_is_refused(world):
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute("update public.leads set phone = '+919876543210'")
        other = conn.execute(OTHER_LEAD).fetchone()[0]
    client, headers = admin_client(world), bearer(world["admin"])
    path = f"/admin/leads/{world['lead']}/messages"
    queued = client.post(path, json=FIRST, headers=headers)
    assert queued.status_code == 201
    asked = f'email reply to lead {world["lead"]} starting "See you on Saturday. Bring the form."'
    for lead, changed in (
        (world["lead"], {"body": "See you on Sunday."}),
        (world["lead"], {"subject": "Fees, again"}),
        (world["lead"], {"channel": "whatsapp"}),
        (other, {}),
    ):
        refused = client.post(f"/admin/leads/{lead}/messages", json=FIRST | changed, headers=headers)
        assert (refused.status_code, refused.json["error"]["code"]) == (409, "request_id_reused")
        assert refused.json["error"]["message"] == (
            f"request_id 'reply-0001' was already used for a different message ({asked}); nothing was queued "
            "for this one. Send it again with a new request_id"
        )
    retried = client.post(path, json=FIRST, headers=headers)
    assert (retried.status_code, retried.json["outbox_id"]) == (200, queued.json["outbox_id"])
    with psycopg.connect(world["url"]) as conn:
        assert [channel for channel, _ in conn.execute(SENT).fetchall()] == ["email"]
