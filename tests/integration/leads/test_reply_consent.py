"""A CRM reply to a contact who opted out of its channel is refused when asked (409), as templates and calls
are, not accepted and skipped later by the worker."""

from __future__ import annotations

import psycopg

from tests.integration.leads.conftest import admin_client, bearer
from tests.integration.leads.test_admin_api import INBOUND_WHATSAPP
from tests.support.users import add_student_from_lead

EMAIL_OPT_OUT = (
    "update public.consents set state = 'opted_out', source = 'inbound_keyword' where lead_id = %s"
)
STUDENT_OPT_OUT = """
insert into public.consents (profile_id, channel, state, source) values (%s, 'whatsapp', 'opted_out', 'admin')
"""
OUTBOX = "select count(*) from public.outbox"


def _refusal(channel: str) -> str:
    return (
        f"the lead opted out of {channel}, so nothing was sent; they opt back in by replying START on "
        f"{channel}. Until then, use another channel"
    )


def test_a_reply_on_a_channel_the_lead_opted_out_of_is_refused_and_queues_nothing(world):
    client, path = admin_client(world), f"/admin/leads/{world['lead']}/messages"
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(EMAIL_OPT_OUT, (world["lead"],))  # the world's lead had agreed to email
    message = {"channel": "email", "body": "Yes, Saturdays.", "request_id": "req-optout-1"}
    refused = client.post(path, json=message, headers=bearer(world["admin"]))
    assert (refused.status_code, refused.json["error"]["code"]) == (409, "refused")
    assert refused.json["error"]["message"] == _refusal("email")
    with psycopg.connect(world["url"]) as conn:
        assert conn.execute(OUTBOX).fetchone() == (0,)


def test_a_students_opt_out_refuses_a_reply_to_the_lead_they_were_on_that_channel_only(world):
    client, path = admin_client(world), f"/admin/leads/{world['lead']}/messages"
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute("update public.leads set phone = '+919876543210' where id = %s", (world["lead"],))
        conn.execute("insert into public.conversations (lead_id) values (%s)", (world["lead"],))
        conn.execute(INBOUND_WHATSAPP, {"lead": world["lead"]})  # the window is open
        conn.execute(STUDENT_OPT_OUT, (add_student_from_lead(conn, world["lead"]),))
    admin = bearer(world["admin"])
    whatsapp = client.post(path, json={"channel": "whatsapp", "body": "Hello"}, headers=admin)
    assert (whatsapp.status_code, whatsapp.json["error"]["message"]) == (409, _refusal("whatsapp"))
    email = client.post(path, json={"channel": "email", "body": "Hello"}, headers=bearer(world["admin"]))
    assert email.status_code == 201
