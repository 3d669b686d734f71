"""Quiet hours are kept in the contact's own zone, else their phone's country's, else the center's."""

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
    rows = [r for r in store.claim(conn, "gatekeeper", 50, stale_seconds=300) if r["channel"] == "whatsapp"]
    with conn.transaction():
        decisions = gate.decide(conn, rows)
    return {str(row["lead_id"]): decision.reason for row, decision in zip(rows, decisions, strict=True)}


def enqueue_welcomes(conn, contacts: list[tuple[str, str, str | None]]) -> list[str]:
    """Leads (email, phone, zone) and their welcome messages; the leads' ids."""
    leads = [insert_lead(conn, email, phone, timezone=zone) for email, phone, zone in contacts]
    with conn.transaction():
        for lead, (email, phone, _) in zip(leads, contacts, strict=True):
            for message in welcome(lead, email, phone):
                enqueue_outgoing(conn, message, recipient(lead, email, phone))
    return leads


def test_a_contact_without_a_zone_is_held_in_the_centers_zone(outbox_db):
    outbox_db.execute(ALMOST_ALWAYS_QUIET)
    outbox_db.execute(CENTER_ZONE)
    zoned = insert_lead(outbox_db, "zoned@example.com", "+919812345670", timezone="Asia/Kolkata")
    unzoned = insert_lead(outbox_db, "unzoned@example.com", "+12025550171")  # +1 spans many zones
    with outbox_db.transaction():
        for lead, email, phone in ((zoned, "zoned@example.com", "+919812345670"),
                                   (unzoned, "unzoned@example.com", "+12025550171")):  # fmt: skip
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
    contacts = [("lost1@example.com", "+12025550172", "Asia/Atlantis"),
                ("lost2@example.com", "+12025550173", "Asia/Atlantis"),
                ("kept@example.com", "+919812345674", "Asia/Kolkata")]  # fmt: skip
    leads = enqueue_welcomes(outbox_db, contacts)
    assert held_whatsapp_reasons(outbox_db) == {
        leads[0]: "quiet hours in America/New_York",
        leads[1]: "quiet hours in America/New_York",
        leads[2]: "quiet hours in Asia/Kolkata",
    }
    assert [r.getMessage() for r in caplog.records if "Asia/Atlantis" in r.getMessage()] == [
        "time zone 'Asia/Atlantis' cannot be loaded; quiet hours use the next zone known"
    ]


def test_a_contact_without_a_zone_is_held_in_their_phones_country_zone_when_it_has_just_one(outbox_db):
    outbox_db.execute(ALMOST_ALWAYS_QUIET)
    outbox_db.execute(CENTER_ZONE)
    leads = enqueue_welcomes(outbox_db, [("in@example.com", "+919812345675", None),
                                         ("ae@example.com", "+971501234567", None),
                                         ("uk@example.com", "+447911123456", None),
                                         ("own@example.com", "+971501234568", "Asia/Singapore")])  # fmt: skip
    assert held_whatsapp_reasons(outbox_db) == {
        leads[0]: "quiet hours in Asia/Kolkata",  # IST under its current name, whatever the center's zone
        leads[1]: "quiet hours in Asia/Dubai",
        leads[2]: "quiet hours in America/New_York",  # +44 spans the UK and the Crown Dependencies
        leads[3]: "quiet hours in Asia/Singapore",  # the contact's own zone comes first
    }
