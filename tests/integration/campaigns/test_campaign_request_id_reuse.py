"""A campaign's request id names one campaign: a retry answers with the first, the same id sent with another
name, channel, template or audience is refused (409) instead of answering with the first campaign."""

from __future__ import annotations

import psycopg

from tests.integration.campaigns.conftest import Center

SINCE_2000 = {"filter": {"created_from": "2000-01-01T00:00:00+05:30"}}
FIRST = {"name": "Batch starts soon", "channel": "email", "template": "follow_up_day_3",
         "audience": SINCE_2000, "request_id": "campaign-0001"}  # fmt: skip
WRITTEN = "select (select count(*) from public.campaigns), (select count(*) from public.outbox)"


def test_a_campaign_request_id_reused_for_another_campaign_is_refused(center: Center):
    client, headers = center.client(), center.headers(center.admin)
    first = client.post("/admin/campaigns", json=FIRST, headers=headers)
    assert (first.status_code, first.json["recipients"]) == (201, 3)
    asked = (
        '"Batch starts soon": email follow_up_day_3 to the leads where created_from=2000-01-01T00:00:00+05:30'
    )
    for changed in (
        {"name": "Another name"},
        {"channel": "whatsapp"},
        {"template": "follow_up_day_7"},
        {"audience": {"filter": {}}},
        {"audience": {"lead_ids": [center.leads["Meera"]]}},
    ):
        refused = client.post("/admin/campaigns", json=FIRST | changed, headers=headers)
        assert (refused.status_code, refused.json["error"]["code"]) == (409, "request_id_reused")
        assert refused.json["error"]["message"] == (
            f"request_id 'campaign-0001' was already used for a different campaign ({asked}); nothing was "
            "queued for this one. Send it again with a new request_id"
        )
    retried = client.post("/admin/campaigns", json=FIRST, headers=headers)
    assert (retried.status_code, retried.json) == (200, {**first.json, "created": False})
    with psycopg.connect(center.url) as conn:
        assert conn.execute(WRITTEN).fetchone() == (1, 3)


def test_a_refused_campaign_leaves_its_request_id_free_for_the_corrected_one(center: Center):
    client, headers = center.client(), center.headers(center.admin)
    nobody = FIRST | {"channel": "whatsapp", "audience": {"lead_ids": [center.leads["Ravi"]]}}
    assert client.post("/admin/campaigns", json=nobody, headers=headers).json["error"]["code"] == "refused"
    corrected = client.post("/admin/campaigns", json=FIRST, headers=headers)
    assert (corrected.status_code, corrected.json["recipients"]) == (201, 3)
