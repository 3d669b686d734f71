"""When a call or WhatsApp message may go out: inside the center's sending hours in the contact's zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

HELD_CHANNELS = frozenset({"whatsapp", "call"})  # email waits in the inbox, so it is never held


def next_allowed(now: datetime, zone: str, start: time, end: time) -> datetime | None:
    """None when `now` is inside [start, end) in `zone`; otherwise the next `start` there, in UTC."""
    local = now.astimezone(ZoneInfo(zone))
    if start <= local.time().replace(tzinfo=None) < end:
        return None
    day = local.date() if local.time().replace(tzinfo=None) < start else local.date() + timedelta(days=1)
    return datetime.combine(day, start, tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))
