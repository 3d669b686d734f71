"""POST /public/leads is open to anyone: it may not add an address or a consent that is not the lead's own.

A stranger who knows a lead's email or phone must not be able to route that lead's messages, calls and
payment links to themselves, nor learn from the answer whether the address is already a lead (0678).
"""

from __future__ import annotations

import psycopg
import pytest

ALL = {"email": True, "whatsapp": True, "call": True}
RECEIVED = (202, {"received": True})


@pytest.fixture
def add_lead(fresh_db_url):
    def add(email: str | None, phone: str | None) -> str:
        with psycopg.connect(fresh_db_url, autocommit=True) as conn:
            return conn.execute(
                "insert into public.leads (full_name, email, phone, source)"
                " values ('Meera Iyer', %s, %s, 'manual') returning id::text",
                (email, phone),
            ).fetchone()[0]

    return add


def _lead_and_consents(db_url: str, lead_id: str) -> tuple[tuple, list[str], dict]:
    with psycopg.connect(db_url) as conn:
        lead = conn.execute(
            "select email::text, phone from public.leads where id = %s", (lead_id,)
        ).fetchone()
        consents = conn.execute(
            "select channel::text from public.consents where lead_id = %s and state = 'opted_in' order by 1",
            (lead_id,),
        ).fetchall()
        answers = conn.execute(
            "select answers from public.cta_submissions where lead_id = %s", (lead_id,)
        ).fetchone()[0]
    return lead, [c for (c,) in consents], answers


def test_a_stranger_cannot_put_their_phone_on_an_email_only_lead(client, add_lead, fresh_db_url):
    meera = add_lead("meera@example.com", None)
    form = {"name": "x", "email": "meera@example.com", "phone": "9812345678", "consents": ALL}
    response = client.post("/public/leads", json=form)
    assert (response.status_code, response.json) == RECEIVED
    lead, consents, answers = _lead_and_consents(fresh_db_url, meera)
    assert lead == ("meera@example.com", None)
    assert consents == ["email"]  # the address typed for email is the lead's own; no phone channel
    assert answers["phone"] == "+919812345678"  # kept on the submission for the admin to review


def test_a_stranger_cannot_put_their_email_on_a_phone_only_lead(client, add_lead, fresh_db_url):
    meera = add_lead(None, "+919876543210")
    form = {"name": "x", "email": "stranger@example.com", "phone": "98765 43210", "consents": ALL}
    response = client.post("/public/leads", json=form)
    assert (response.status_code, response.json) == RECEIVED
    lead, consents, answers = _lead_and_consents(fresh_db_url, meera)
    assert lead == (None, "+919876543210")
    assert consents == ["call", "whatsapp"]  # the phone typed is the lead's own; the email is not
    assert answers["email"] == "stranger@example.com"


def test_consent_is_recorded_only_for_the_leads_own_address(client, add_lead, fresh_db_url):
    meera = add_lead("Meera@Example.com", "+919876543210")
    form = {"name": "x", "email": "meera@example.com", "phone": "9812345678", "consents": ALL}
    client.post("/public/leads", json=form)
    lead, consents, _ = _lead_and_consents(fresh_db_url, meera)
    assert lead == ("Meera@Example.com", "+919876543210")
    assert consents == ["email"]  # not WhatsApp or calls to a number the lead does not have


def test_the_answer_is_the_same_for_a_new_and_an_existing_lead(client, add_lead, fresh_db_url):
    add_lead("meera@example.com", None)
    existing = client.post("/public/leads", json={"name": "x", "email": "meera@example.com"})
    new = client.post("/public/leads", json={"name": "x", "email": "someone.new@example.com"})
    assert (existing.status_code, existing.json) == (new.status_code, new.json) == RECEIVED
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute("select count(*) from public.leads").fetchone()[0] == 2
