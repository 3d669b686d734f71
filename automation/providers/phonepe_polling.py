"""PhonePe's mandated status-check schedule for a pending payment, as a pure function of time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

# PhonePe: first check 20-25 s after the payment starts (we take 25 s, giving the payer time), then
# every 3 s for 30 s, every 6 s for 60 s, every 10 s for 60 s, every 30 s for 60 s, then every minute
# until the payment times out (20 minutes; some of PhonePe's pages say 15, we keep the longer).
FIRST_CHECK_SECONDS = 25
PHASES = ((3, 30), (6, 60), (10, 60), (30, 60))  # (every, for how long), in seconds
THEN_EVERY_SECONDS = 60
GIVE_UP_AFTER = timedelta(minutes=20)


def check_offsets() -> Iterator[int]:
    """Seconds after the start at which to check, in order; the last one is the give-up point."""
    offset = FIRST_CHECK_SECONDS
    yield offset
    for every, span in PHASES:
        for _ in range(span // every):
            offset += every
            yield offset
    limit = int(GIVE_UP_AFTER.total_seconds())
    while offset + THEN_EVERY_SECONDS < limit:
        offset += THEN_EVERY_SECONDS
        yield offset
    yield limit


def next_status_check(started_at: datetime, now: datetime) -> datetime | None:
    """When to ask PhonePe next about a payment still pending, or None: stop and treat it as timed out."""
    elapsed = (now - started_at).total_seconds()
    for offset in check_offsets():
        if offset > elapsed:
            return started_at + timedelta(seconds=offset)
    return None
