"""Quiet hours in the contact's zone, and backoff with jitter that honours Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime, time

from automation.outbox.quiet_hours import next_allowed
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


def test_backoff_doubles_within_jitter_and_stops_at_the_cap():
    for attempts, low, high in ((1, 15, 30), (3, 60, 120), (20, 1800, 3600)):
        assert low <= backoff_seconds(attempts, 30, 3600) <= high


def test_retry_after_is_never_undercut():
    assert backoff_seconds(1, 30, 3600, retry_after=600) == 600
