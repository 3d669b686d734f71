"""POST /public/leads over HTTP: status codes, JSON and form bodies, CORS, size and rate limits."""

from __future__ import annotations

import psycopg

from tests.integration.leads.conftest import ORIGIN, public_client

LEAD = {"name": "Asha Rao", "email": "asha@example.com", "course_slug": "spoken-english",
        "consents": {"email": True}, "utm": {"source": "instagram"}, "website": ""}  # fmt: skip


def test_a_new_lead_and_a_repeat_get_the_same_202_and_make_one_lead(client, fresh_db_url):
    first = client.post("/public/leads", json=LEAD)
    again = client.post("/public/leads", json={**LEAD, "email": "ASHA@example.com"})
    assert [(r.status_code, r.json) for r in (first, again)] == [(202, {"received": True})] * 2
    with psycopg.connect(fresh_db_url) as conn:
        counts = conn.execute(
            "select (select count(*) from public.leads), (select count(*) from public.cta_submissions)"
        ).fetchone()
    assert counts == (1, 1)  # deduped on the email, in any case


def test_a_form_post_is_read_like_json(client, fresh_db_url):
    form = {"name": "Ravi", "phone": "9876543210", "course_slug": "spoken-english",
            "consent_whatsapp": "on", "utm_campaign": "diwali"}  # fmt: skip
    response = client.post("/public/leads", data=form)
    assert response.status_code == 202
    with psycopg.connect(fresh_db_url) as conn:
        row = conn.execute(
            "select utm_campaign, (select count(*) from public.outbox) from public.leads"
        ).fetchone()
    assert row == ("diwali", 1)


def test_invalid_fields_are_named_in_a_422(client):
    response = client.post("/public/leads", json={**LEAD, "email": "asha@", "course_slug": "x"})
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"email"}
    unknown = client.post("/public/leads", json={**LEAD, "course_slug": "no-such-course"})
    assert unknown.json["error"]["fields"] == {"course_slug": unknown.json["error"]["fields"]["course_slug"]}


def test_a_form_without_email_or_phone_names_both_fields(client):
    response = client.post("/public/leads", json={**LEAD, "email": "", "phone": " "})
    assert response.status_code == 422
    reason = "give an email address or a phone number"
    assert response.json["error"]["fields"] == {"email": reason, "phone": reason}


def test_cors_answers_only_configured_origins(client):
    allowed = client.options(
        "/public/leads", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    other = client.options("/public/leads", headers={"Origin": "https://evil.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Origin" not in other.headers


def test_an_oversized_body_is_refused(client):
    response = client.post("/public/leads", json={**LEAD, "name": "x" * 20_000})
    assert response.status_code == 413


def test_the_rate_limit_is_per_address_and_shared_through_the_database(fresh_db_url):
    first, second = public_client(fresh_db_url, lead_rate_limit_per_minute=1), public_client(fresh_db_url)
    statuses = [app.post("/public/leads", json={**LEAD, "course_slug": None}).status_code
                for app in (first, second, first)]  # fmt: skip
    assert 429 in statuses[1:]
