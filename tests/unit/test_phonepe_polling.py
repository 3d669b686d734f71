"""PhonePe's status-check schedule: 25 s, then 3/6/10/30-second steps, then every minute until 20 minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from automation.providers.phonepe_polling import check_offsets, next_status_check

START = datetime(2025, 5, 1, 10, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_the_schedule_follows_phonepes_steps():
    offsets = list(check_offsets())
    assert offsets[:4] == [25, 28, 31, 34]
    assert offsets[10:13] == [
        55,
        61,
        67,
    ]  # 3-second steps end 30 s after the first check; 6-second ones begin
    assert [o for o in offsets if 115 <= o <= 175] == [115, 125, 135, 145, 155, 165, 175]
    assert [o for o in offsets if 175 < o <= 295] == [205, 235, 295]
    assert offsets[-2:] == [1195, 1200]
    assert offsets == sorted(set(offsets))


def test_nothing_is_checked_before_the_first_25_seconds():
    assert next_status_check(START, START) == at(25)
    assert next_status_check(START, at(24.9)) == at(25)


def test_the_next_check_is_the_first_scheduled_one_after_now():
    assert next_status_check(START, at(25)) == at(28)
    assert next_status_check(START, at(60)) == at(61)
    assert next_status_check(START, at(300)) == at(355)


def test_after_twenty_minutes_there_is_no_next_check():
    assert next_status_check(START, at(1199)) == at(1200)
    assert next_status_check(START, at(1200)) is None
