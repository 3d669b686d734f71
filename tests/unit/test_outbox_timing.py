"""Quiet hours in the contact's zone (or their phone's country's), and backoff with jitter that honours
Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from automation.outbox.quiet_hours import next_allowed, phone_zone
from automation.outbox.store import backoff_seconds

OPEN, CLOSE = time(9), time(21)


def test_inside_the_hours_a_message_may_go_now():
    assert next_allowed(datetime(2026, 11, 22, 6, 0, tzinfo=UTC), "Asia/Kolkata", OPEN, CLOSE) is None


def test_late_at_night_it_waits_for_nine_the_next_morning_in_the_contacts_zone():
    late = datetime(2026, 11, 22, 16, 0, tzinfo=UTC)  # 21:30 in Kolkata
    assert next_allowed(late, "Asia/Kolkata", OPEN, CLOSE) == datetime(2026, 11, 23, 3, 30, tzinfo=UTC)


def test_early_in_the_morning_it_waits_for_nine_the_same_day():
    early = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)  # 01:00 in New York
    assert next_allowed(early, "America/New_York", OPEN, CLOSE) == datetime(2026, 11, 22, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phone", "zone"),
    [
        ("+919812345678", "Asia/Kolkata"),  # phonenumbers says Asia/Calcutta: the same zone, renamed
        ("+9779812345678", "Asia/Kathmandu"),
        ("+971501234567", "Asia/Dubai"),
        ("+6591234567", "Asia/Singapore"),
        ("+12125551234", None),  # +1 spans North America and the Caribbean, whatever the area code
        ("+79161234567", None),
        ("+80012345678", None),  # international freephone: phonenumbers' Etc/Unknown
        ("9812345678", None),
        (None, None),
    ],
)
def test_a_phone_gives_its_countrys_zone_only_when_the_country_has_one(phone, zone):
    assert phone_zone(phone) == zone


def test_backoff_doubles_within_jitter_and_stops_at_the_cap():
    for attempts, low, high in ((1, 15, 30), (3, 60, 120), (20, 1800, 3600)):
        assert low <= backoff_seconds(attempts, 30, 3600) <= high


def test_retry_after_is_never_undercut():
    assert backoff_seconds(1, 30, 3600, retry_after=600) == 600
