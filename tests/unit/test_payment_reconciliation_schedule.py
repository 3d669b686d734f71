"""When reconciliation asks a provider next about an open payment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from automation.workflows.payment_reconciliation import next_check

START = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def test_phonepe_follows_its_mandated_schedule_then_every_ten_minutes():
    assert next_check("phonepe", START, None, START) == START + timedelta(seconds=25)
    assert next_check("phonepe", START, None, START + timedelta(seconds=26)) == START + timedelta(seconds=28)
    late = START + timedelta(minutes=30)
    assert next_check("phonepe", START, None, late) == late + timedelta(minutes=10)


def test_instamojo_is_asked_every_minute_at_first_then_every_ten_minutes():
    soon = START + timedelta(minutes=5)
    assert next_check("instamojo", START, None, soon) == soon + timedelta(minutes=1)
    late = START + timedelta(minutes=25)
    assert next_check("instamojo", START, None, late) == late + timedelta(minutes=10)


def test_checks_stop_a_day_after_the_link_lapsed():
    expires = START + timedelta(hours=1)
    assert next_check("instamojo", START, expires, expires + timedelta(hours=23)) is not None
    assert next_check("instamojo", START, expires, expires + timedelta(days=1, seconds=1)) is None
    assert next_check("phonepe", START, None, START + timedelta(days=8, seconds=1)) is None
