"""The approval's welcome goes on the consented channels, and its messages promise only those (rendered
as the worker renders them when they go)."""

from __future__ import annotations

import uuid

import psycopg

from automation.app_links import AppLinks
from automation.messages.catalog import Channel
from automation.outbox.deferred import resolve
from automation.workflows.welcome import enqueue_welcome

LEAD = """
insert into public.leads (full_name, email, phone) values ('Asha Rao', 'asha@example.com', '+919812345678')
returning id::text
"""
QUEUED = "select channel::text, payload from public.outbox where lead_id = %s"
LINKS = AppLinks("https://app.example")


def _welcome(db: psycopg.Connection, course_id: str, channels: set[Channel]) -> dict[str, dict]:
    lead = db.execute(LEAD).fetchone()[0]
    enqueue_welcome(db, lead, course_id, channels=channels, cause_id=str(uuid.uuid4()), files_url="http://f")
    rows = db.execute(QUEUED, (lead,)).fetchall()
    return {channel: resolve({"channel": channel, "payload": p}, LINKS).payload for channel, p in rows}


def test_an_email_without_a_consented_call_promises_none(db, course_id):
    queued = _welcome(db, course_id, {Channel.EMAIL, Channel.WHATSAPP})
    assert sorted(queued) == ["email", "whatsapp"]
    assert "call you" not in queued["email"]["text"]


def test_the_call_and_whatsapp_are_named_when_they_go_too(db, course_id):
    queued = _welcome(db, course_id, set(Channel))
    assert "will call you shortly" in queued["email"]["text"]
    assert "also on WhatsApp" in queued["call"]["user_data"]["brief"]
