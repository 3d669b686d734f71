"""Bolna's `scheduled_at`: ISO-8601 with a numeric offset, two minutes ahead or more, on a 10-minute mark."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

MIN_LEAD = timedelta(minutes=2)
SLOT_SECONDS = 600


class ScheduleRejected(ValueError):
    """`scheduled_at` is too soon or not a date."""


class ZuluRejected(ValueError):
    """Bolna answers a `Z`-suffixed time with a 500 rather than a validation error."""


def start_time(value: str, now: datetime | None = None) -> datetime:
    """When a call scheduled for `value` really starts; raises ZuluRejected or ScheduleRejected."""
    if value.strip().upper().endswith("Z"):
        raise ZuluRejected(value)
    try:
        wanted = datetime.fromisoformat(value)
    except ValueError as error:
        raise ScheduleRejected(f"scheduled_at is not an ISO-8601 date: {value}") from error
    if wanted.tzinfo is None:
        raise ScheduleRejected("scheduled_at needs a numeric UTC offset such as +05:30")
    if wanted - (now or datetime.now(UTC)) < MIN_LEAD:
        raise ScheduleRejected("scheduled_at must be at least 2 minutes ahead")
    slot = math.ceil(wanted.timestamp() / SLOT_SECONDS) * SLOT_SECONDS
    return datetime.fromtimestamp(slot, UTC)
