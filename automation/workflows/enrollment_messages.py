"""A new student's welcome: email with the sign-in link, WhatsApp with the schedule and first class.

Rendered by the worker at send time from the facts the conversion queued (automation.outbox.deferred);
the receipt reuses its context and recipient."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from automation.messages import catalog, formatting
from automation.messages.catalog import Contact, Outgoing
from automation.outbox.enqueue import Recipient
from automation.receipts.receipt import local_time

DETAILS = """
select p.full_name, p.email, p.phone, c.title as course_name, b.name as batch_name, b.starts_on,
       b.weekly_pattern, b.timezone, cs.name as center_name, cs.website_url, cs.contact_phone, cs.gstin,
       cs.timezone as center_timezone, s.starts_at as first_starts_at, s.join_url as first_join_url,
       cs.website_url || '/login' as login_url
  from public.profiles p
  cross join public.center_settings cs
  join public.batches b on b.id = %(batch)s
  join public.courses c on c.id = b.course_id
  left join lateral (
    select starts_at, join_url from public.sessions
     where batch_id = b.id and status <> 'cancelled' order by starts_at limit 1
  ) s on true
 where p.id = %(student)s
"""
WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


def schedule(pattern: list[Mapping[str, Any]]) -> str:
    """A batch's weekly pattern in words: "Saturdays 10:00 (120 min), Sundays 10:00 (120 min)"."""
    parts = [f"{WEEKDAYS[int(s['weekday']) - 1]} {s['start']} ({s['minutes']} min)" for s in pattern]
    return ", ".join(parts) or "to be announced"


def first_session(details: Mapping[str, Any]) -> str:
    if details["first_starts_at"] is None:
        return "the schedule and join link will follow before the first class"
    when = local_time(details["first_starts_at"], details["timezone"])
    return f"{when}, join at {details['first_join_url']}" if details["first_join_url"] else when


def welcome_context(details: Mapping[str, Any], payment: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "first_name": (details["full_name"] or "there").split()[0],
        "center_name": details["center_name"],
        "website": details["website_url"] or "",
        "support_phone": details["contact_phone"] or "",
        "course_name": details["course_name"],
        "batch_name": details["batch_name"],
        "start_date": formatting.long_date(details["starts_on"]),
        "schedule": schedule(details["weekly_pattern"]),
        "first_session": first_session(details),
        "login_url": details["login_url"] or "",
        "amount": formatting.money(payment["amount_paise"], payment["currency"]),
    }


def details_of(conn: psycopg.Connection, payment: Mapping[str, Any], student_id: str) -> dict[str, Any]:
    found = (
        conn.cursor(row_factory=dict_row)
        .execute(DETAILS, {"batch": payment["batch_id"], "student": student_id})
        .fetchone()
    )
    if found is None:
        raise ValueError(f"student {student_id} has no profile; create the account before enrolling")
    return found


def recipient_of(details: Mapping[str, Any], payment: Mapping[str, Any], student_id: str) -> Recipient:
    lead = str(payment["lead_id"]) if payment["lead_id"] else None
    return Recipient(details["full_name"], lead, student_id, details["email"], details["phone"])


def student_welcome_messages(facts: Mapping[str, Any]) -> list[Outgoing]:
    """The welcome for private.welcome_details' answer (queued under "render" by the conversion): an email
    (sign-in link) and a WhatsApp message (schedule, first class), each where the student has an address."""
    typed = {
        **facts,
        "starts_on": _date(facts["starts_on"]),
        "first_starts_at": _time(facts["first_starts_at"]),
    }
    context = welcome_context(typed, typed)
    contact = Contact(str(facts["student_id"]), context["first_name"], facts["email"], facts["phone"])
    return catalog.student_welcome(contact, str(facts["batch_id"]), context)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
