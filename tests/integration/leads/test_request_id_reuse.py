"""A request id names one message: a retry of the same request answers with what it queued, and the same id
sent with another channel, template or recipients is refused (409) instead of silently sending nothing."""

from __future__ import annotations

import psycopg

from tests.integration.leads.conftest import admin_client, bearer
from tests.integration.leads.test_admin_api import OTHER_LEADS

WITH_PHONE_AND_COURSE = (
    "update public.leads set phone = '+919876543210', course_id = (select id from public.courses)"
)
SENT = "select channel::text, template from public.crm_messages order by created_at, id"


def _reused(request_id: str, first: str) -> str:
    return (
        f"request_id {request_id!r} was already used for a different message ({first}); nothing was queued "
        "for this one. Send it again with a new request_id"
    )


def test_a_template_request_id_reused_for_another_message_is_refused(world):
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(WITH_PHONE_AND_COURSE)
        other = conn.execute(
            "insert into public.leads (full_name, phone) values ('Ravi', '+919876500001') returning id::text"
        ).fetchone()
    client, headers = admin_client(world), bearer(world["admin"])
    path = f"/admin/leads/{world['lead']}/template-messages"
    first = {"channel": "whatsapp", "template": "follow_up_day_1", "request_id": "tpl-0001"}
    queued = client.post(path, json=first, headers=headers)
    assert queued.status_code == 201
    asked = f"whatsapp follow_up_day_1 to lead {world['lead']}"
    for changed in ({"template": "follow_up_day_7"}, {"channel": "email"}):
        refused = client.post(path, json=first | changed, headers=headers)
        assert (refused.status_code, refused.json["error"]["message"]) == (409, _reused("tpl-0001", asked))
    to_another = client.post(f"/admin/leads/{other[0]}/template-messages", json=first, headers=headers)
    assert to_another.status_code == 409
    retried = client.post(path, json=first, headers=headers)
    assert (retried.status_code, retried.json["outbox_id"]) == (200, queued.json["outbox_id"])
    with psycopg.connect(world["url"]) as conn:
        assert conn.execute(SENT).fetchall() == [("whatsapp", "follow_up_day_1")]


def test_a_bulk_request_id_reused_for_another_message_or_segment_is_refused(world):
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(OTHER_LEADS, {"course": conn.execute("select id from public.courses").fetchone()[0]})
    client, headers = admin_client(world), bearer(world["admin"])
    first = {"channel": "whatsapp", "template": "follow_up_day_3", "request_id": "bulk-0001",
             "segment": {"course_slug": "spoken-english", "status": "interested"}}  # fmt: skip
    assert client.post("/admin/segments/messages", json=first, headers=headers).json == {"messages_queued": 1}
    asked = "whatsapp follow_up_day_3 to the segment course_slug=spoken-english, status=interested"
    for changed in (
        {"channel": "email"},
        {"template": "follow_up_day_7"},
        {"segment": {"course_slug": "spoken-english"}},
    ):
        refused = client.post("/admin/segments/messages", json=first | changed, headers=headers)
        assert (refused.status_code, refused.json["error"]["message"]) == (409, _reused("bulk-0001", asked))
    retried = client.post("/admin/segments/messages", json=first, headers=headers)
    assert (retried.status_code, retried.json) == (200, {"messages_queued": 0})
    with psycopg.connect(world["url"]) as conn:
        assert conn.execute(SENT).fetchall() == [("whatsapp", "follow_up_day_3")]
