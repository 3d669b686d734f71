"""Audiences, bulk lead changes and campaigns through the admin API, on a real database."""

from __future__ import annotations

import psycopg

from tests.integration.campaigns.conftest import Center
from tests.support.users import add_student_from_lead

EVERYONE = {"filter": {}}


def test_a_whatsapp_preview_counts_who_is_reached_and_why_the_rest_are_left_out(center: Center):
    body = {"audience": EVERYONE, "channel": "whatsapp"}
    answer = center.client().post("/admin/audiences/preview", json=body, headers=center.headers(center.admin))
    assert answer.status_code == 200
    assert (answer.json["matched"], answer.json["reachable"]) == (4, 1)
    assert answer.json["excluded"] == {
        "opted out of WhatsApp": 1, "no phone number": 1, "no course with an upcoming batch": 1}  # fmt: skip
    assert [lead["full_name"] for lead in answer.json["sample"]] == ["Meera Shah"]
    assert {lead["excluded_reason"] for lead in answer.json["excluded_sample"]} == set(
        answer.json["excluded"]
    )


def test_the_filter_narrows_the_audience_like_the_leads_list(center: Center):
    client, headers = center.client(), center.headers(center.admin)

    def matched(lead_filter: dict) -> int:
        body = {"audience": {"filter": lead_filter}}
        return client.post("/admin/audiences/preview", json=body, headers=headers).json["matched"]

    assert matched({"tag": "python"}) == 2
    assert matched({"status": "new", "source": "import"}) == 2
    assert matched({"search": "shah"}) == 1
    assert matched({"search": "98765 00004"}) == 1
    assert matched({"search": "100%"}) == 0  # a LIKE wildcard is matched literally
    assert (
        matched({"created_from": "2000-01-01T00:00:00+05:30", "created_to": "2000-01-02T00:00:00+05:30"}) == 0
    )


def test_a_campaign_queues_each_reachable_lead_once_and_links_its_messages(center: Center):
    client, headers = center.client(), center.headers(center.admin)
    body = {"name": "Batch starts soon", "channel": "email", "template": "follow_up_day_3",
            "audience": EVERYONE, "request_id": "campaign-0001"}  # fmt: skip
    first = client.post("/admin/campaigns", json=body, headers=headers)
    again = client.post("/admin/campaigns", json=body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["recipients"] == 3
    assert first.json["excluded_reasons"] == {"no course with an upcoming batch": 1}
    assert again.json == {**first.json, "created": False}
    with psycopg.connect(center.url) as conn:
        linked = conn.execute(
            "select count(*) filter (where o.campaign_id = %(id)s),"
            " count(*) filter (where m.campaign_id = %(id)s), count(*)"
            " from public.outbox o join public.crm_messages m on m.id = o.crm_message_id",
            {"id": first.json["id"]},
        ).fetchone()
    assert linked == (3, 3, 3)


def test_a_campaign_nobody_can_receive_is_refused_and_leaves_nothing(center: Center):
    client, headers = center.client(), center.headers(center.admin)
    body = {"name": "Ravi only", "channel": "whatsapp", "template": "follow_up_day_1",
            "audience": {"lead_ids": [center.leads["Ravi"]]}}  # fmt: skip
    refused = client.post("/admin/campaigns", json=body, headers=headers)
    wrong_template = client.post("/admin/campaigns", json={**body, "template": "welcome"}, headers=headers)
    assert (refused.status_code, wrong_template.status_code) == (409, 409)
    assert "nobody in this audience" in refused.json["error"]["message"]
    with psycopg.connect(center.url) as conn:
        written = "select (select count(*) from public.campaigns) + (select count(*) from public.outbox)"
        assert conn.execute(written).fetchone() == (0,)


def test_calls_go_to_leads_with_a_phone_and_a_course(center: Center):
    body = {"name": "Call the interested", "channel": "call", "template": "welcome", "audience": EVERYONE}
    answer = center.client().post("/admin/campaigns", json=body, headers=center.headers(center.admin))
    assert answer.status_code == 201
    assert answer.json["recipients"] == 2  # Ravi opted out of WhatsApp, not of calls
    with psycopg.connect(center.url) as conn:
        phones = conn.execute("select payload->>'phone' from public.outbox where channel = 'call' order by 1")
        assert phones.fetchall() == [("+919876500001",), ("+919876500002",)]


def test_a_student_who_opted_out_on_their_profile_is_left_out_of_previews_and_campaigns(center: Center):
    with psycopg.connect(center.url, autocommit=True) as conn:
        student = add_student_from_lead(conn, center.leads["Meera"])
        conn.execute("insert into public.consents (profile_id, channel, state, source)"
                     " values (%s, 'call', 'opted_out', 'inbound_keyword')", (student,))  # fmt: skip
    client, headers = center.client(), center.headers(center.admin)
    preview = client.post("/admin/audiences/preview", json={"audience": EVERYONE, "channel": "call"},
                          headers=headers)  # fmt: skip
    body = {"name": "Call the interested", "channel": "call", "template": "welcome", "audience": EVERYONE}
    answer = client.post("/admin/campaigns", json=body, headers=headers)
    assert preview.json["excluded"]["opted out of calls"] == 1
    assert (answer.json["recipients"], answer.json["excluded_reasons"]["opted out of calls"]) == (1, 1)
    with psycopg.connect(center.url) as conn:
        phones = conn.execute("select payload->>'phone' from public.outbox where channel = 'call'")
        assert phones.fetchall() == [("+919876500001",)]


def test_bulk_changes_touch_only_the_audience_and_count_what_changed(center: Center):
    client, headers = center.client(), center.headers(center.admin)
    picked = {"lead_ids": [center.leads["Ravi"], center.leads["Meera"]]}
    tagged = client.post(
        "/admin/lead-selections/tag", json={"audience": picked, "tag": "python"}, headers=headers
    )
    lost = {
        "audience": {"filter": {"tag": "python"}},
        "status": "lost",
        "lost_reason": "chose another course",
    }
    moved = client.post("/admin/lead-selections/status", json=lost, headers=headers)
    assert (tagged.json, moved.json) == ({"changed": 1}, {"changed": 3, "payment_links_started": 0})
    with psycopg.connect(center.url) as conn:
        rows = conn.execute(
            "select full_name, status::text, lost_reason from public.leads order by full_name"
        )
        assert rows.fetchall() == [
            ("Asha Nair", "new", None), ("Kiran Rao", "lost", "chose another course"),
            ("Meera Shah", "lost", "chose another course"), ("Ravi Kumar", "lost", "chose another course"),
        ]  # fmt: skip


def test_a_sequence_starts_once_per_lead_and_an_unknown_key_is_named(center: Center):
    client, headers = center.client(), center.headers(center.admin)
    with psycopg.connect(center.url, autocommit=True) as conn:
        conn.execute("insert into public.sequences (key, name) values ('nurture', 'Nurture')")
        conn.execute("insert into public.sequence_steps (sequence_id, position, delay, channel, template)"
                     " select id, 1, interval '1 day', 'email', 'follow_up_day_1' from public.sequences"
                     " where key = 'nurture'")  # fmt: skip
    body = {"audience": {"lead_ids": [center.leads["Ravi"]]}, "sequence_key": "nurture"}
    first = client.post("/admin/lead-selections/sequence", json=body, headers=headers)
    body["audience"] = EVERYONE
    preview = client.post("/admin/audiences/preview", json=body, headers=headers)
    second = client.post("/admin/lead-selections/sequence", json=body, headers=headers)
    unknown = client.post(
        "/admin/lead-selections/sequence", json={**body, "sequence_key": "nope"}, headers=headers
    )
    assert (first.json, second.json) == ({"changed": 1}, {"changed": 3})
    assert preview.json["excluded"] == {"already in this sequence": 1}
    assert unknown.status_code == 404
    assert "nope" in unknown.json["error"]["message"]


def test_only_admins_act_and_the_audience_must_be_one_kind(center: Center):
    client = center.client()
    body = {"audience": EVERYONE, "tag": "x"}
    as_student = client.post("/admin/lead-selections/tag", json=body, headers=center.headers(center.student))
    both = {"audience": {"filter": {}, "lead_ids": [center.leads["Ravi"]]}, "tag": "x"}
    invalid = client.post("/admin/lead-selections/tag", json=both, headers=center.headers(center.admin))
    assert (as_student.status_code, invalid.status_code) == (403, 422)
