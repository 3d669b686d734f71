"""Quiet hours are kept in the contact's own zone, else in the center's."""

from __future__ import annotations

from automation.outbox import gate, store
from automation.outbox.enqueue import enqueue_outgoing
from tests.integration.outbox.fixtures import insert_lead, recipient, welcome

ALMOST_ALWAYS_QUIET = (
    "update public.automation_settings set quiet_hours_start = '03:00', quiet_hours_end = '03:00:01'"
)
CENTER_ZONE = """
insert into public.center_settings (id, timezone) values (true, 'America/New_York')
on conflict (id) do update set timezone = excluded.timezone
"""


def held_whatsapp_reasons(conn) -> dict[str, str]:
    """The gate's reason for holding each lead's WhatsApp message, by lead id."""
    rows = [r for r in store.claim(conn, "gatekeeper", 10, stale_seconds=300) if r["channel"] == "whatsapp"]
    with conn.transaction():
        decisions = gate.decide(conn, rows)
    return {str(row["lead_id"]): decision.reason for row, decision in zip(rows, decisions, strict=True)}


def test_a_contact_without_a_zone_is_held_in_the_centers_zone(outbox_db):
    outbox_db.execute(ALMOST_ALWAYS_QUIET)
    outbox_db.execute(CENTER_ZONE)
    zoned = insert_lead(outbox_db, "zoned@example.com", "+919812345670", timezone="Asia/Kolkata")
    unzoned = insert_lead(outbox_db, "unzoned@example.com", "+919812345671")
    with outbox_db.transaction():
        for lead, email, phone in ((zoned, "zoned@example.com", "+919812345670"),
                                   (unzoned, "unzoned@example.com", "+919812345671")):  # fmt: skip
            for message in welcome(lead, email, phone):
                enqueue_outgoing(outbox_db, message, recipient(lead, email, phone))
    assert held_whatsapp_reasons(outbox_db) == {
        zoned: "quiet hours in Asia/Kolkata",
        unzoned: "quiet hours in America/New_York",
    }


def test_a_zone_python_cannot_load_is_held_in_the_centers_zone_and_told_once(outbox_db, caplog):
    outbox_db.execute(ALMOST_ALWAYS_QUIET)
    outbox_db.execute(CENTER_ZONE)
    outbox_db.execute("alter domain public.time_zone drop constraint time_zone_check")  # a newer tzdata
    contacts = [("lost1@example.com", "+919812345672", "Asia/Atlantis"),
                ("lost2@example.com", "+919812345673", "Asia/Atlantis"),
                ("kept@example.com", "+919812345674", "Asia/Kolkata")]  # fmt: skip
    leads = [insert_lead(outbox_db, email, phone, timezone=zone) for email, phone, zone in contacts]
    with outbox_db.transaction():
        for lead, (email, phone, _) in zip(leads, contacts, strict=True):
            for message in welcome(lead, email, phone):
                enqueue_outgoing(outbox_db, message, recipient(lead, email, phone))
    assert held_whatsapp_reasons(outbox_db) == {
        leads[0]: "quiet hours in America/New_York",
        leads[1]: "quiet hours in America/New_York",
        leads[2]: "quiet hours in Asia/Kolkata",
    }
    assert [r.getMessage() for r in caplog.records if "Asia/Atlantis" in r.getMessage()] == [
        "time zone 'Asia/Atlantis' cannot be loaded; quiet hours use the next zone known"
    ]
