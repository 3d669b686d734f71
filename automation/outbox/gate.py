"""Checks made just before a message is sent: consent, quiet hours, the provider's rate and concurrency."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from psycopg.rows import dict_row

from automation.outbox.quiet_hours import HELD_CHANNELS, next_allowed

PROVIDERS = {"email": "sendgrid", "whatsapp": "aisensy", "call": "bolna"}
# Each key applies unless automation_settings.rate_limits sets it for the provider.
DEFAULT_LIMITS = {
    "sendgrid": {"per_second": 50, "burst": 100},
    "aisensy": {"per_second": 20, "burst": 40},
    "bolna": {"per_second": 2, "burst": 5, "concurrency": 10},
}
MAX_INLINE_WAIT = 1.0  # a shorter wait for a token is slept by the worker; a longer one releases the row
CONCURRENCY_RECHECK = timedelta(seconds=30)

FACTS = """
select exists (select 1 from public.consents c
                where c.channel::text = %(channel)s and c.party = %(party)s and c.state = 'opted_out'
                  and (c.lead_id = %(lead_id)s or c.profile_id = %(profile_id)s)) as opted_out,
       coalesce((select p.timezone from public.profiles p where p.id = %(profile_id)s),
                (select l.timezone from public.leads l where l.id = %(lead_id)s),
                private.center_timezone()) as zone,
       s.quiet_hours_start, s.quiet_hours_end, s.rate_limits -> %(provider)s as limits
  from public.automation_settings s
"""
CALLS_AHEAD = """
select (select count(*) from public.call_logs
         where status in ('queued', 'ringing', 'in_progress') and updated_at > now() - interval '2 hours')
     + (select count(*) from public.outbox
         where channel = 'call' and status = 'processing' and id < %(id)s) as busy
"""


@dataclass(frozen=True)
class Go:
    provider: str | None


@dataclass(frozen=True)
class Skip:
    reason: str


@dataclass(frozen=True)
class Wait:
    """No token yet: wait this long outside any transaction, then decide again."""

    seconds: float


@dataclass(frozen=True)
class Hold:
    until: datetime
    reason: str


Decision = Go | Skip | Wait | Hold


def decide(conn: psycopg.Connection, row: Mapping[str, Any], now: datetime | None = None) -> Decision:
    """Whether `row` may be sent now. Messages only: other channels always go.

    Takes a rate-limit token when the answer is Go (so call it once per send attempt).
    """
    provider = PROVIDERS.get(row["channel"])
    if provider is None:
        return Go(None)
    now = now or datetime.now(UTC)
    cursor = conn.cursor(row_factory=dict_row)
    facts = cursor.execute(FACTS, {**row, "provider": provider}).fetchone()
    limits = {**DEFAULT_LIMITS[provider], **(facts["limits"] or {})}
    return (
        _consent(row, facts)
        or _quiet_hours(row, facts, now)
        or _concurrency(cursor, row, limits, now)
        or _rate(cursor, provider, limits, now)
        or Go(provider)
    )


def _consent(row: Mapping[str, Any], facts: Mapping[str, Any]) -> Skip | None:
    if facts["opted_out"] and not row["payload"].get("confirms_opt_out"):
        who = "the parent" if row["party"] == "parent" else "the contact"
        return Skip(f"{who} opted out of {row['channel']}")
    return None


def _quiet_hours(row: Mapping[str, Any], facts: Mapping[str, Any], now: datetime) -> Hold | None:
    if row["channel"] not in HELD_CHANNELS:
        return None
    until = next_allowed(now, facts["zone"], facts["quiet_hours_start"], facts["quiet_hours_end"])
    return Hold(until, f"quiet hours in {facts['zone']}") if until else None


def _concurrency(cursor, row: Mapping[str, Any], limits: Mapping[str, Any], now: datetime) -> Hold | None:
    cap = limits.get("concurrency")
    if cap is None or cursor.execute(CALLS_AHEAD, row).fetchone()["busy"] < cap:
        return None
    return Hold(now + CONCURRENCY_RECHECK, f"{cap} calls already in progress")


def _rate(cursor, provider: str, limits: Mapping[str, Any], now: datetime) -> Wait | Hold | None:
    per_second, burst = float(limits["per_second"]), float(limits.get("burst", limits["per_second"]))
    wait = _take_token(cursor, provider, per_second, burst)
    if wait > MAX_INLINE_WAIT:
        return Hold(now + timedelta(seconds=wait), f"{provider} rate limit")
    return Wait(wait) if wait > 0 else None


def _take_token(cursor, provider: str, per_second: float, burst: float) -> float:
    found = cursor.execute(
        "select private.take_send_token(%s, %s, %s) as wait", (provider, per_second, burst)
    ).fetchone()
    return float(found["wait"])
