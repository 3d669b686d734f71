"""When a call or WhatsApp message may go out: inside the center's sending hours in the contact's zone."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

HELD_CHANNELS = frozenset({"whatsapp", "call"})  # email waits in the inbox, so it is never held


def next_allowed(now: datetime, zone: str, start: time, end: time) -> datetime | None:
    """None when `now` is inside [start, end) in `zone`; otherwise the next `start` there, in UTC."""
    local = now.astimezone(ZoneInfo(zone))
    if start <= local.time().replace(tzinfo=None) < end:
        return None
    day = local.date() if local.time().replace(tzinfo=None) < start else local.date() + timedelta(days=1)
    return datetime.combine(day, start, tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))


def loadable_zone(*zones: str) -> str:
    """The first of `zones` that zoneinfo loads (the contact's, then the center's), else UTC."""
    return next((zone for zone in zones if _loads(zone)), "UTC")


@cache
def _loads(zone: str) -> bool:
    """Whether zoneinfo loads `zone`; the first time one does not, says so (once per value)."""
    try:
        ZoneInfo(zone)
    except (KeyError, ValueError, OSError):  # unknown key, malformed key or file, a directory
        log.warning("time zone %r cannot be loaded; quiet hours use the next zone known", zone)
        return False
    return True
