"""Checks made just before messages are sent: a reclaimed message's evidence of an earlier acceptance,
consent, a payment link still payable, WhatsApp's 24-hour window, quiet hours, the provider's rate and
concurrency.

A claimed batch is gated at once: one query reads every row's facts, and each provider's bucket gives the
batch's tokens in one call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from psycopg.rows import dict_row, scalar_row
from psycopg.types.json import Jsonb

from automation.outbox.accepted_unread import is_unread
from automation.outbox.quiet_hours import HELD_CHANNELS, loadable_zone, next_allowed, phone_zone
from automation.workflows.payment_links import LINK_MESSAGES
from automation.workflows.whatsapp_window import FREE_FORM_CAMPAIGNS

PROVIDERS = {"email": "sendgrid", "whatsapp": "aisensy", "call": "bolna"}
# Each key applies unless automation_settings.rate_limits sets it for the provider.
DEFAULT_LIMITS = {
    "sendgrid": {"per_second": 50, "burst": 100},
    "aisensy": {"per_second": 20, "burst": 40},
    "bolna": {"per_second": 2, "burst": 5, "concurrency": 10},
}
EVIDENCED = {"email", "call"}  # channels whose provider echoes our message id in its events
MAX_INLINE_WAIT = 1.0  # a shorter wait for a token is slept by the worker; a longer one releases the row
CONCURRENCY_RECHECK = timedelta(seconds=30)

IN_DOUBT_RECHECK = timedelta(seconds=30)  # how often a held in-doubt row looks for evidence again
CHECKING = "checking whether it was sent"
LINK_PAID = "the payment was made before the link could be sent"
LINK_ENDED = {  # why a link message is skipped, by its link's state (private.payment_link_state)
    "settled": LINK_PAID,
    "in_progress": "a payment on the link was under way when it was due",
    "closed": "the payment link closed before it could be sent",
}
LINK_CLOSED_BECAUSE = {  # the state's reason, for a closed link
    "closed": "an admin closed it",
    "refunded": "the payment was refunded", "enrolled": "the payer already has a seat in the batch",
    "withdrawn": "the lead was marked lost", "batch_completed": "the batch finished",
    "batch_cancelled": "the batch was cancelled",
}  # fmt: skip
LINK_REPLACED = "a newer payment link for the batch replaced it"
WINDOW_CLOSED = "the 24-hour WhatsApp window closed before it could be sent; send a template instead"
# Consent is the person's (decision 0664): an opt-out on the lead or on the profile it converted into
# refuses a message addressed to either.
#
# A row in doubt (outbox.in_doubt_since) looks for the provider's evidence that an earlier attempt was
# accepted: a stored webhook event naming our message id (SendGrid echoes custom args, Bolna user_data; both
# found by an index of migration …012000). CASE evaluates the subqueries only for rows in doubt, so the
# usual row pays nothing. WhatsApp events name only AiSensy's own id: nothing to look for.
#
# The settings row is read as one row (limit 1): the planner's guess for the never-analyzed one-row table
# would make the batch look costly enough to be JIT-compiled, a second per batch. The center's zone is read
# there too, once per batch; it stands in for a contact without a zone of their own or their phone's
# country's, or whose zone Python cannot load (quiet_hours.loadable_zone).
#
# A payment link message (payment_id given) reads whether its payment still takes payment, a free-form
# WhatsApp message when its window closes: both by the database's own rules (private.link_payable,
# private.whatsapp_window_ends_at, which the CRM reply checks when queued). Other rows find nothing.
FACTS = """
select r.id::text,
       private.opted_out(r.lead_id, r.profile_id, r.party, r.channel::public.contact_channel) as opted_out,
       coalesce((select p.timezone from public.profiles p where p.id = r.profile_id),
                (select l.timezone from public.leads l where l.id = r.lead_id)) as zone,
       s.center_zone, s.quiet_hours_start, s.quiet_hours_end, s.rate_limits, pay.link_state, pay.payable,
       case when r.free_form then
              (select private.whatsapp_window_ends_at(m.conversation_id, r.party)
                 from public.crm_messages m where m.id = r.crm_message_id)
       end as window_ends,
       case when r.in_doubt_since is null then null
            when r.channel = 'email' then
              (select split_part(w.payload ->> 'sg_message_id', '.', 1) from public.webhook_events w
                where w.provider = 'sendgrid'
                  and w.payload ->> 'coachbase_message_id' = coalesce(r.crm_message_id, r.id)::text
                  and w.payload ->> 'sg_message_id' <> '' limit 1)
            when r.channel = 'call' then
              (select w.payload ->> 'id' from public.webhook_events w
                where w.provider = 'bolna'
                  and w.payload #>> '{context_details,recipient_data,coachbase_message_id}'
                      = coalesce(r.crm_message_id, r.id)::text
                  and w.payload ->> 'id' <> '' limit 1)
       end as accepted_as
  from jsonb_to_recordset(%s) as r(id uuid, channel text, party public.contact_party, lead_id uuid,
                                   profile_id uuid, crm_message_id uuid, in_doubt_since timestamptz,
                                   payment_id uuid, free_form boolean)
 cross join (select quiet_hours_start, quiet_hours_end, rate_limits, private.center_timezone() as center_zone
               from public.automation_settings limit 1) s
  left join lateral (select private.payment_link_state(p.id) as link_state, private.link_payable(p) as payable
                       from public.payments p where p.id = r.payment_id) pay on true
"""
CALLS_AHEAD = """
select (select count(*) from public.call_logs
         where status in ('queued', 'ringing', 'in_progress') and updated_at > now() - interval '2 hours')
     + (select count(*) from public.outbox
         where channel = 'call' and status = 'processing' and id < %(id)s) as busy
"""
TOKENS = "select granted, wait_seconds from private.take_send_tokens(%s, %s, %s, %s)"
# A 429 pauses the provider for every worker (bounded and defaulted in SQL, migration …019700); the seconds
# until that pause ends.
PAUSE = "select greatest(extract(epoch from private.pause_sends(%s, %s) - clock_timestamp()), 0)::float8"


@dataclass(frozen=True)
class Go:
    provider: str | None


@dataclass(frozen=True)
class Found:
    """An earlier attempt was accepted (the provider's events say so): record it as sent, send nothing."""

    provider: str
    provider_message_id: str


@dataclass(frozen=True)
class Unread:
    """The provider accepted an earlier attempt but its answer named no id, and no event names it: record it
    as sent from the kept answer (automation.outbox.accepted_unread), send nothing."""

    provider: str


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


Decision = Go | Found | Unread | Skip | Wait | Hold


def decide(
    conn: psycopg.Connection,
    rows: Sequence[Mapping[str, Any]],
    now: datetime | None = None,
    in_doubt_grace: timedelta = timedelta(minutes=10),
) -> list[Decision]:
    """Whether each of `rows` may be sent now, in the rows' order. Messages only: other channels always go.

    A row in doubt is Found when the provider's events show an earlier attempt was accepted; an email or
    call without such evidence is held until `in_doubt_grace` after its reclaim, then checked like any row,
    unless the provider accepted it with an answer we could not read: that row is Unread, never sent again.
    Takes a rate-limit token for every Go (so call it once per send attempt); providers' buckets are
    taken in name order, so that workers lock them in one order.
    """
    now = now or datetime.now(UTC)
    cursor = conn.cursor(row_factory=dict_row)
    facts = _facts(cursor, [row for row in rows if row["channel"] in PROVIDERS])
    decisions: dict[str, Decision] = {}
    wanting: dict[str, list[str]] = defaultdict(list)
    limits: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        provider, key = PROVIDERS.get(row["channel"]), str(row["id"])
        if provider is None:
            decisions[key] = Go(None)
            continue
        limits[provider] = {
            **DEFAULT_LIMITS[provider],
            **((facts[key]["rate_limits"] or {}).get(provider) or {}),
        }
        early = (
            _in_doubt(row, facts[key], provider, now, in_doubt_grace)
            or _consent(row, facts[key])
            or _link_ended(row, facts[key])
            or _window_closed(row, facts[key], now)
            or _quiet_hours(row, facts[key], now)
            or _concurrency(cursor, row, limits[provider], now)
        )
        if early is None:
            wanting[provider].append(key)
        else:
            decisions[key] = early
    for provider in sorted(wanting):
        decisions |= _rate(cursor, provider, limits[provider], wanting[provider], now)
    return [decisions[str(row["id"])] for row in rows]


def _facts(cursor, rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    if not rows:
        return {}
    keys = ("id", "channel", "party", "lead_id", "profile_id", "crm_message_id", "in_doubt_since")
    wanted = [
        {k: str(row[k]) if row[k] is not None else None for k in keys}
        | {"payment_id": _link_payment(row), "free_form": _free_form(row)}
        for row in rows
    ]
    return {found["id"]: found for found in cursor.execute(FACTS, (Jsonb(wanted),)).fetchall()}


def _link_payment(row: Mapping[str, Any]) -> str | None:
    """The payment whose link the row carries (payment_link:…, fee_reminder:… keys), else None."""
    carries_link = row["idempotency_key"].split(":", 1)[0] in LINK_MESSAGES
    return row["cause_id"] if row["cause_table"] == "payments" and carries_link else None


def _free_form(row: Mapping[str, Any]) -> bool:
    return row["channel"] == "whatsapp" and row["payload"].get("campaign") in FREE_FORM_CAMPAIGNS


def _in_doubt(
    row: Mapping[str, Any], facts: Mapping[str, Any], provider: str, now: datetime, grace: timedelta
) -> Found | Unread | Hold | None:
    """Evidence of an earlier acceptance → Found; an email or call without it waits out the grace period;
    then an acceptance kept unread → Unread (WhatsApp at once: its events never name our message)."""
    since = row.get("in_doubt_since")
    if since is None:
        return None
    if facts["accepted_as"]:
        return Found(provider, facts["accepted_as"])
    if row["channel"] in EVIDENCED and now < since + grace:
        return Hold(min(since + grace, now + IN_DOUBT_RECHECK), CHECKING)
    return Unread(provider) if is_unread(row["answer"]) else None


def _consent(row: Mapping[str, Any], facts: Mapping[str, Any]) -> Skip | None:
    if facts["opted_out"] and not row["payload"].get("confirms_opt_out"):
        who = "the parent" if row["party"] == "parent" else "the contact"
        return Skip(f"{who} opted out of {row['channel']}")
    return None


def _link_ended(row: Mapping[str, Any], facts: Mapping[str, Any]) -> Skip | None:
    """A link message goes only while its link takes payment (private.link_payable): a link paid, closed or
    replaced while the message waited (quiet hours, backoff) is not sent. A lapsed order does not matter:
    the link's page makes a new one."""
    if _link_payment(row) is None or facts["payable"]:
        return None
    state = facts["link_state"] or {}
    if state.get("link") != _link_payment(row):
        return Skip(LINK_REPLACED)
    why = LINK_ENDED.get(state.get("state"), LINK_ENDED["closed"])
    because = LINK_CLOSED_BECAUSE.get(state.get("reason"))
    return Skip(f"{why}: {because}" if because else why)


def _window_closed(row: Mapping[str, Any], facts: Mapping[str, Any], now: datetime) -> Skip | None:
    """A free-form WhatsApp message goes only inside the window, which may close while it waits."""
    ends = facts["window_ends"]
    if not _free_form(row) or (ends is not None and ends > now):
        return None
    return Skip(WINDOW_CLOSED)


def _quiet_hours(row: Mapping[str, Any], facts: Mapping[str, Any], now: datetime) -> Hold | None:
    """Held outside the sending hours in the contact's zone, else their phone's country's when it has one
    zone, else the center's (each only when Python can load it)."""
    if row["channel"] not in HELD_CHANNELS:
        return None
    zone = loadable_zone(facts["zone"], phone_zone(row["payload"].get("phone")), facts["center_zone"])
    until = next_allowed(now, zone, facts["quiet_hours_start"], facts["quiet_hours_end"])
    return Hold(until, f"quiet hours in {zone}") if until else None


def _concurrency(cursor, row: Mapping[str, Any], limits: Mapping[str, Any], now: datetime) -> Hold | None:
    cap = limits.get("concurrency")
    if cap is None or cursor.execute(CALLS_AHEAD, row).fetchone()["busy"] < cap:
        return None
    return Hold(now + CONCURRENCY_RECHECK, f"{cap} calls already in progress")


def pause(conn: psycopg.Connection, provider: str, retry_after: float | None) -> float | None:
    """The provider answered 429: no worker on any host gets a token for it for `retry_after` seconds (at
    most an hour; a minute when None); the seconds until it may send again. None for a provider without a
    bucket (only messages are rate-limited here)."""
    if provider not in DEFAULT_LIMITS:
        return None
    return conn.cursor(row_factory=scalar_row).execute(PAUSE, (provider, retry_after)).fetchone()


def _rate(
    cursor, provider: str, limits: Mapping[str, Any], keys: list[str], now: datetime
) -> dict[str, Decision]:
    """Go for as many rows as the bucket grants, in order; the rest wait (briefly) or are held."""
    per_second, burst = float(limits["per_second"]), float(limits.get("burst", limits["per_second"]))
    taken = cursor.execute(TOKENS, (provider, per_second, burst, len(keys))).fetchone()
    wait = float(taken["wait_seconds"])
    later: Decision = (
        Hold(now + timedelta(seconds=wait), f"{provider} rate limit")
        if wait > MAX_INLINE_WAIT
        else Wait(wait)
    )
    return {key: Go(provider) if n < taken["granted"] else later for n, key in enumerate(keys)}
