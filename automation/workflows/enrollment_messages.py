"""A new student's welcome: email with the sign-in link, WhatsApp with the schedule and first class.

Rendered by the worker at send time from the facts the conversion queued (automation.outbox.deferred),
with the batch's schedule and next class read again then (decision 0699); the receipt reuses its context
and recipient."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import psycopg
from psycopg.rows import scalar_row

from automation.app_links import AppLinks
from automation.messages import catalog, formatting
from automation.messages.catalog import Contact, Outgoing
from automation.outbox.enqueue import Recipient
from automation.receipts.receipt import local_time

DETAILS = "select private.welcome_details(%s, %s)"
# What the welcome says about when and where classes are, which can change after the payment queued it (a
# session rescheduled or cancelled, a new join link, the batch's start moved); the rest stays as queued.
SCHEDULE = ("starts_on", "weekly_pattern", "timezone", "first_starts_at", "first_join_url")
WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


def schedule(pattern: list[Mapping[str, Any]]) -> str:
    """A batch's weekly pattern in words: "Saturdays 10:00 (120 min), Sundays 10:00 (120 min)"."""
    parts = [f"{WEEKDAYS[int(s['weekday']) - 1]} {s['start']} ({s['minutes']} min)" for s in pattern]
    return ", ".join(parts) or "to be announced"


def first_session(details: Mapping[str, Any]) -> str:
    if details["first_starts_at"] is None:
        return "not scheduled yet; sign in to see it once it is, and to join it when it starts"
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
        "amount": formatting.money(payment["amount_paise"], payment["currency"]),
    }


def details_of(conn: psycopg.Connection, payment_id: str, student_id: str) -> dict[str, Any]:
    """private.welcome_details of the payment's batch for the student, typed as `welcome_context` reads it."""
    found = conn.cursor(row_factory=scalar_row).execute(DETAILS, (payment_id, student_id)).fetchone()
    if "batch_id" not in found:
        raise ValueError(f"student {student_id} has no profile; create the account before enrolling")
    return typed(found)


def current_schedule(conn: psycopg.Connection, facts: Mapping[str, Any]) -> Mapping[str, Any]:
    """The welcome's queued `facts` with the batch's schedule and next class as they are now (one query);
    all as queued when the student's profile is gone or the payment no longer names the queued batch."""
    values = (facts["payment_id"], facts["student_id"])
    found = conn.cursor(row_factory=scalar_row).execute(DETAILS, values).fetchone() or {}
    if found.get("batch_id") != facts["batch_id"]:
        return facts
    return {**facts, **{key: found[key] for key in SCHEDULE}}


def typed(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The welcome's facts as JSON carries them, with the batch's start date and the first class's time."""
    starts_on, first_starts_at = _date(facts["starts_on"]), _time(facts["first_starts_at"])
    return {**facts, "starts_on": starts_on, "first_starts_at": first_starts_at}


def recipient_of(details: Mapping[str, Any], payment: Mapping[str, Any], student_id: str) -> Recipient:
    lead = str(payment["lead_id"]) if payment["lead_id"] else None
    return Recipient(details["full_name"], lead, student_id, details["email"], details["phone"])


def student_welcome_messages(facts: Mapping[str, Any], links: AppLinks) -> list[Outgoing]:
    """The welcome for private.welcome_details' answer (queued under "render" by the conversion): an email
    (the web app's sign-in link) and a WhatsApp message (schedule, first class), each where the student
    has an address."""
    details = typed(facts)
    context = {**welcome_context(details, details), "sign_in_url": links.sign_in}
    contact = Contact(str(facts["student_id"]), context["first_name"], facts["email"], facts["phone"])
    return catalog.student_welcome(contact, str(facts["batch_id"]), context)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
