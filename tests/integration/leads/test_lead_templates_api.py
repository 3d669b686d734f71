"""One course template to one lead (template mode of the CRM composer)."""

from __future__ import annotations

import psycopg

from tests.integration.leads.conftest import admin_client, bearer
from tests.support.users import add_student_from_lead

WITH_PHONE_AND_COURSE = (
    "update public.leads set phone = '+919876543210', course_id = (select id from public.courses)"
)
OPT_OUT_WHATSAPP = """
insert into public.consents (lead_id, channel, state, source) values (%s, 'whatsapp', 'opted_out', 'admin')
"""
STUDENT_OPT_OUT_WHATSAPP = OPT_OUT_WHATSAPP.replace("lead_id", "profile_id")


def _path(world) -> str:
    return f"/admin/leads/{world['lead']}/template-messages"


def test_a_template_goes_to_one_lead_once_per_request(world):
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(WITH_PHONE_AND_COURSE)
    client = admin_client(world)
    message = {"channel": "whatsapp", "template": "follow_up_day_1", "request_id": "tpl-0001"}
    first = client.post(_path(world), json=message, headers=bearer(world["admin"]))
    again = client.post(_path(world), json=message, headers=bearer(world["admin"]))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["outbox_id"] == first.json["outbox_id"]
    with psycopg.connect(world["url"]) as conn:
        row = conn.execute("select template, status::text from public.crm_messages").fetchone()
    assert row == ("follow_up_day_1", "queued")


def test_a_template_is_refused_with_the_reason(world):
    client, message = admin_client(world), {"channel": "whatsapp", "template": "follow_up_day_3"}
    no_phone = client.post(_path(world), json=message, headers=bearer(world["admin"]))
    assert (no_phone.status_code, no_phone.json["error"]["message"]) == (
        409, "the lead has no phone number; add one, or use the other channel")  # fmt: skip
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute("update public.leads set phone = '+919876543210'")
    no_course = client.post(_path(world), json=message, headers=bearer(world["admin"]))
    assert "no course with an upcoming batch" in no_course.json["error"]["message"]
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(WITH_PHONE_AND_COURSE)
        conn.execute(OPT_OUT_WHATSAPP, (world["lead"],))
    opted_out = client.post(_path(world), json=message, headers=bearer(world["admin"]))
    assert (opted_out.status_code, opted_out.json["error"]["message"]) == (
        409, "the lead opted out of whatsapp; use another channel")  # fmt: skip


def test_a_students_opt_out_refuses_a_template_to_the_lead_they_were(world):
    with psycopg.connect(world["url"], autocommit=True) as conn:
        conn.execute(WITH_PHONE_AND_COURSE)
        conn.execute(STUDENT_OPT_OUT_WHATSAPP, (add_student_from_lead(conn, world["lead"]),))
    message = {"channel": "whatsapp", "template": "follow_up_day_3", "request_id": "tpl-0001"}
    refused = admin_client(world).post(_path(world), json=message, headers=bearer(world["admin"]))
    assert (refused.status_code, refused.json["error"]["message"]) == (
        409, "the lead opted out of whatsapp; use another channel")  # fmt: skip


def test_only_the_course_templates_and_admins_are_accepted(world):
    client = admin_client(world)
    free_text = client.post(_path(world), json={"channel": "whatsapp", "template": "welcome"},
                            headers=bearer(world["admin"]))  # fmt: skip
    assert (free_text.status_code, list(free_text.json["error"]["fields"])) == (422, ["template"])
    student = client.post(_path(world), json={"channel": "email", "template": "follow_up_day_1"},
                          headers=bearer(world["student"]))  # fmt: skip
    assert student.status_code == 403
