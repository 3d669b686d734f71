"""The admin API: tokens verified (HS256 and JWKS), the role read from the database, then the actions."""

from __future__ import annotations

import uuid

import jwt
import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.integration.leads.conftest import (
    admin_client,
    bearer,
)
from tests.support.servers import serving
from tests.support.tokens import user_token
from tests.support.users import add_student_from_lead


def test_approval_starts_the_welcome_on_consented_channels_once(world):
    client = admin_client(world)
    path = f"/admin/cta-submissions/{world['submission']}/approve"
    approved = client.post(path, json={"note": "good fit"}, headers=bearer(world["admin"]))
    assert approved.json == {"submission_id": world["submission"], "status": "approved", "messages_queued": 1}
    again = client.post(path, json={}, headers=bearer(world["admin"]))
    assert again.status_code == 409


def test_a_rejection_sends_nothing(world):
    client = admin_client(world)
    rejected = client.post(
        f"/admin/cta-submissions/{world['submission']}/reject", headers=bearer(world["admin"])
    )
    assert rejected.json["messages_queued"] == 0
    with psycopg.connect(world["url"]) as conn:
        assert conn.execute("select count(*) from public.outbox").fetchone()[0] == 0


def test_a_rejection_cancels_the_welcome_the_intake_queued(world):
    client = admin_client(world)
    form = {"name": "Ravi Kumar", "email": "ravi@example.com", "phone": "9876543210",
            "course_slug": "spoken-english", "consents": {"email": True, "whatsapp": True}}  # fmt: skip
    assert client.post("/public/leads", json=form).status_code == 202
    with psycopg.connect(world["url"]) as conn:
        lead_id, submission = conn.execute(
            "select l.id::text, s.id::text from public.leads l"
            " join public.cta_submissions s on s.lead_id = l.id where l.email = 'ravi@example.com'"
        ).fetchone()
    client.post(f"/admin/cta-submissions/{submission}/reject", headers=bearer(world["admin"]))
    with psycopg.connect(world["url"]) as conn:
        welcome = conn.execute(
            "select o.channel::text, o.status::text, m.status::text, m.error from public.outbox o"
            " join public.crm_messages m on m.id = o.crm_message_id where o.lead_id = %s order by 1",
            (lead_id,),
        ).fetchall()
    cancelled = ("cancelled", "failed", "Not sent: cancelled by an admin")
    assert welcome == [("email", *cancelled), ("whatsapp", *cancelled)]


def test_lead_status_changes_and_bad_values_name_the_field(world):
    client = admin_client(world)
    path = f"/admin/leads/{world['lead']}"
    lost = client.patch(path, json={"status": "lost", "lost_reason": "fees"}, headers=bearer(world["admin"]))
    assert lost.json == {"lead_id": world["lead"], "status": "lost"}
    bad = client.patch(path, json={"status": "gone"}, headers=bearer(world["admin"]))
    assert (bad.status_code, list(bad.json["error"]["fields"])) == (422, ["status"])


def test_outbox_items_are_paused_and_resumed(world):
    client = admin_client(world)
    client.post(f"/admin/cta-submissions/{world['submission']}/approve", headers=bearer(world["admin"]))
    with psycopg.connect(world["url"]) as conn:
        outbox_id = conn.execute("select id::text from public.outbox").fetchone()[0]
    paused = client.post(f"/admin/outbox/{outbox_id}/pause", headers=bearer(world["admin"]))
    assert paused.json == {"id": outbox_id, "status": "paused"}
    resumed = client.post(f"/admin/outbox/{outbox_id}/resume", headers=bearer(world["admin"]))
    assert resumed.json == {"id": outbox_id, "status": "pending"}


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer not-a-token"}, 401), ("student", 403), ("forged", 401)],
)
def test_callers_without_a_valid_admin_token_are_refused(world, headers, status):
    if headers == "student":
        headers = bearer(world["student"])
    elif headers == "forged":
        headers = {"Authorization": f"Bearer {user_token('another-secret', world['admin'])}"}
    response = admin_client(world).patch(
        f"/admin/leads/{world['lead']}", json={"status": "contacted"}, headers=headers
    )
    assert response.status_code == status


def test_asymmetric_tokens_are_checked_against_the_jwks(world):
    key = ec.generate_private_key(ec.SECP256R1())
    jwk = {**jwt.algorithms.ECAlgorithm.to_jwk(key.public_key(), as_dict=True), "kid": "k1", "alg": "ES256"}
    jwks = Starlette(
        routes=[Route("/auth/v1/.well-known/jwks.json", lambda _r: JSONResponse({"keys": [jwk]}))]
    )
    claims = {"sub": world["admin"], "aud": "authenticated", "exp": 4_102_444_800}
    token = jwt.encode(claims, key, algorithm="ES256", headers={"kid": "k1"})
    with serving(jwks) as url:
        client = admin_client(world, supabase_url=url)
        changed = client.patch(f"/admin/leads/{world['lead']}", json={"status": "contacted"},
                               headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert changed.status_code == 200


INBOUND_WHATSAPP = """
insert into public.crm_messages (conversation_id, channel, direction, body, status)
select id, 'whatsapp', 'inbound', 'Is there a weekend batch?', 'received' from public.conversations
 where lead_id = %(lead)s
"""


def test_a_crm_email_reply_is_queued_once_per_request(world):
    client, path = admin_client(world), f"/admin/leads/{world['lead']}/messages"
    message = {"channel": "email", "body": "Yes, Saturdays.", "request_id": "req-12345"}
    first = client.post(path, json=message, headers=bearer(world["admin"]))
    again = client.post(path, json=message, headers=bearer(world["admin"]))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["outbox_id"] == first.json["outbox_id"]


def test_whatsapp_replies_wait_for_the_contact_to_open_the_window(world):
    client, path = admin_client(world), f"/admin/leads/{world['lead']}/messages"
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute("update public.leads set phone = '+919876543210' where id = %s", (world["lead"],))
    closed = client.post(path, json={"channel": "whatsapp", "body": "Hello"}, headers=bearer(world["admin"]))
    assert closed.status_code == 409
    assert "24-hour window is closed" in closed.json["error"]["message"]
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(
            "insert into public.conversations (lead_id) values (%s) on conflict do nothing", (world["lead"],)
        )
        conn.execute(INBOUND_WHATSAPP, {"lead": world["lead"]})
    opened = client.post(path, json={"channel": "whatsapp", "body": "Hello"}, headers=bearer(world["admin"]))
    assert opened.status_code == 201


def test_an_unknown_lead_is_404(world):
    path = f"/admin/leads/{uuid.uuid4()}/messages"
    headers = bearer(world["admin"])
    response = admin_client(world).post(path, json={"channel": "email", "body": "Hi"}, headers=headers)
    assert response.status_code == 404


OTHER_LEADS = """
insert into public.leads (full_name, email, phone, course_id, status) values
  ('Ravi', 'ravi@example.com', '+919876500001', %(course)s, 'new'),
  ('Meera', 'meera@example.com', '+919876500002', %(course)s, 'interested'),
  ('Kiran', 'kiran@example.com', null, %(course)s, 'new')
"""
OPT_OUT = """
insert into public.consents (lead_id, channel, state, source)
select id, 'whatsapp', 'opted_out', 'inbound_keyword' from public.leads where full_name = 'Ravi'
"""


def test_a_segment_gets_the_template_except_those_opted_out_and_without_the_address(world):
    with psycopg.connect(world["url"], autocommit=True) as conn:
        course = conn.execute("select id from public.courses").fetchone()[0]
        conn.execute(OTHER_LEADS, {"course": course})
        conn.execute(OPT_OUT)
    client = admin_client(world)
    message = {"channel": "whatsapp", "template": "follow_up_day_3", "request_id": "bulk-0001",
               "segment": {"course_slug": "spoken-english"}}  # fmt: skip
    first = client.post("/admin/segments/messages", json=message, headers=bearer(world["admin"]))
    again = client.post("/admin/segments/messages", json=message, headers=bearer(world["admin"]))
    assert (first.json, again.json) == ({"messages_queued": 1}, {"messages_queued": 0})
    with psycopg.connect(world["url"]) as conn:
        phones = conn.execute("select payload->>'phone' from public.outbox").fetchall()
    assert phones == [("+919876500002",)]
    new_only = {**message, "request_id": "bulk-0002", "channel": "email", "segment": {
        "course_slug": "spoken-english", "status": "new"}}  # fmt: skip
    assert client.post("/admin/segments/messages", json=new_only, headers=bearer(world["admin"])).json == {
        "messages_queued": 2}  # fmt: skip


def test_a_call_is_started_once_per_request_and_refused_after_an_opt_out(world):
    client, path = admin_client(world), f"/admin/leads/{world['lead']}/calls"
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(
            "update public.leads set phone = '+919876543210', course_id = (select id from public.courses)"
        )
    first = client.post(path, json={"request_id": "call-0001"}, headers=bearer(world["admin"]))
    again = client.post(path, json={"request_id": "call-0001"}, headers=bearer(world["admin"]))
    assert (first.status_code, again.status_code) == (201, 200)
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute("insert into public.consents (lead_id, channel, state, source)"
                     " values (%s, 'call', 'opted_out', 'admin')", (world["lead"],))  # fmt: skip
    refused = client.post(path, json={}, headers=bearer(world["admin"]))
    assert refused.status_code == 409
    assert "opted out of calls" in refused.json["error"]["message"]


STUDENT_OPT_OUT = """
insert into public.consents (profile_id, channel, state, source)
values (%s, %s, 'opted_out', 'inbound_keyword')
"""


def test_a_students_opt_out_refuses_a_call_to_the_lead_they_were(world):
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(
            "update public.leads set phone = '+919876543210', course_id = (select id from public.courses)"
        )
        conn.execute(STUDENT_OPT_OUT, (add_student_from_lead(conn, world["lead"]), "call"))
    path = f"/admin/leads/{world['lead']}/calls"
    refused = admin_client(world).post(path, json={"request_id": "call-0001"}, headers=bearer(world["admin"]))
    assert (refused.status_code, refused.json["error"]["message"]) == (
        409, "the lead opted out of calls; message them instead")  # fmt: skip


def test_a_segment_leaves_out_a_student_who_opted_out_on_their_profile(world):
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(OTHER_LEADS, {"course": conn.execute("select id from public.courses").fetchone()[0]})
        meera = conn.execute("select id::text from public.leads where full_name = 'Meera'").fetchone()[0]
        conn.execute(STUDENT_OPT_OUT, (add_student_from_lead(conn, meera), "whatsapp"))
    message = {"channel": "whatsapp", "template": "follow_up_day_3", "request_id": "bulk-0001",
               "segment": {"course_slug": "spoken-english"}}  # fmt: skip
    headers = bearer(world["admin"])
    queued = admin_client(world).post("/admin/segments/messages", json=message, headers=headers)
    assert queued.json == {"messages_queued": 1}
    with psycopg.connect(world["url"]) as conn:
        assert conn.execute("select payload->>'phone' from public.outbox").fetchall() == [("+919876500001",)]
