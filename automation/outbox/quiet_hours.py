"""When a call or WhatsApp message may go out: inside the center's sending hours in the contact's zone."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from phonenumbers import COUNTRY_CODE_TO_REGION_CODE
from phonenumbers.timezone import TIMEZONE_DATA, UNKNOWN_TIMEZONE

log = logging.getLogger(__name__)

HELD_CHANNELS = frozenset({"whatsapp", "call"})  # email waits in the inbox, so it is never held
# phonenumbers still names these countries' zones as before their renames; the app stores the new names.
RENAMED = {
    "Asia/Calcutta": "Asia/Kolkata", "Asia/Katmandu": "Asia/Kathmandu", "Asia/Rangoon": "Asia/Yangon",
    "Africa/Asmera": "Africa/Asmara", "Atlantic/Faeroe": "Atlantic/Faroe",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
}  # fmt: skip


def next_allowed(now: datetime, zone: str, start: time, end: time) -> datetime | None:
    """None when `now` is inside [start, end) in `zone`; otherwise the next `start` there, in UTC."""
    local = now.astimezone(ZoneInfo(zone))
    if start <= local.time().replace(tzinfo=None) < end:
        return None
    day = local.date() if local.time().replace(tzinfo=None) < start else local.date() + timedelta(days=1)
    return datetime.combine(day, start, tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))


def loadable_zone(*zones: str | None) -> str:
    """The first of `zones` (the contact's, their phone's, the center's) that zoneinfo loads, else UTC."""
    return next((zone for zone in zones if zone and _loads(zone)), "UTC")


def phone_zone(phone: str | None) -> str | None:
    """The zone of an E.164 number's country when the country has just one (+91: Asia/Kolkata), else None
    (+1, +7 and +44 span several; +800 none)."""
    if not phone or not phone.startswith("+") or not phone[1:4].isdigit():
        return None
    return _country_zone(phone[1:4])


@cache
def _country_zone(prefix: str) -> str | None:
    """The one zone of the country calling code `prefix` (a number's first three digits) begins with.

    By country, not by number: time_zones_for_number answers per area code, one zone of a +1 number's many.
    """
    code = next((prefix[:n] for n in (1, 2, 3) if int(prefix[:n]) in COUNTRY_CODE_TO_REGION_CODE), None)
    zones = TIMEZONE_DATA.get(code or "", ())
    if len(zones) != 1 or zones[0] == UNKNOWN_TIMEZONE:
        return None
    return RENAMED.get(zones[0], zones[0])


@cache
def _loads(zone: str) -> bool:
    """Whether zoneinfo loads `zone`; the first time one does not, says so (once per value)."""
    try:
        ZoneInfo(zone)
    except (KeyError, ValueError, OSError):  # unknown key, malformed key or file, a directory
        log.warning("time zone %r cannot be loaded; quiet hours use the next zone known", zone)
        return False
    return True
