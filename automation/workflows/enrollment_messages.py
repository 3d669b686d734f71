"""The messages a new student gets: the welcome (email and WhatsApp) and the payment receipt."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.rows import dict_row

from automation.messages import formatting
from automation.outbox.enqueue import Cause, Recipient, enqueue_message
from automation.receipts.receipt import PROVIDER_NAMES, local_time

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


def _context(details: Mapping[str, Any], payment: Mapping[str, Any]) -> dict[str, Any]:
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


def _details(conn: psycopg.Connection, payment: Mapping[str, Any], student_id: str) -> dict[str, Any]:
    found = (
        conn.cursor(row_factory=dict_row)
        .execute(DETAILS, {"batch": payment["batch_id"], "student": student_id})
        .fetchone()
    )
    if found is None:
        raise ValueError(f"student {student_id} has no profile; create the account before enrolling")
    return found


def _recipient(details: Mapping[str, Any], payment: Mapping[str, Any], student_id: str) -> Recipient:
    lead = str(payment["lead_id"]) if payment["lead_id"] else None
    return Recipient(details["full_name"], lead, student_id, details["email"], details["phone"])


def enqueue_welcome(conn: psycopg.Connection, payment: Mapping[str, Any], student_id: str) -> None:
    """Email (with the sign-in link) and WhatsApp (schedule, first class), each where there is an address."""
    details = _details(conn, payment, student_id)
    context, recipient = _context(details, payment), _recipient(details, payment, student_id)
    cause = Cause("payments", str(payment["id"]))
    for channel, address in (("email", details["email"]), ("whatsapp", details["phone"])):
        if address:
            key = f"student_welcome:{channel}:{student_id}:{payment['batch_id']}"
            enqueue_message(
                conn, channel=channel, template="student_welcome", recipient=recipient,
                context=context, dedupe_key=key, cause=cause,
            )  # fmt: skip


def enqueue_receipt(conn: psycopg.Connection, payment: Mapping[str, Any], student_id: str) -> None:
    """The receipt by email: number, amount, what for, how and when paid, the center's GSTIN if set."""
    details = _details(conn, payment, student_id)
    if not details["email"]:
        return
    paid = (
        conn.cursor(row_factory=dict_row)
        .execute(
            "select receipt_number, paid_at, provider_payment_id from public.payments where id = %s",
            (payment["id"],),
        )
        .fetchone()
    )
    if paid is None:
        raise ValueError(f"payment {payment['id']} vanished; a receipt needs its payment")
    context = {
        **_context(details, payment),
        "receipt_number": paid["receipt_number"],
        "provider": PROVIDER_NAMES.get(payment["provider"], payment["provider"]),
        "provider_payment_id": paid["provider_payment_id"] or "",
        "paid_at": local_time(paid["paid_at"], details["center_timezone"]),
        "gstin": details["gstin"],
    }
    enqueue_message(
        conn, channel="email", template="payment_receipt",
        recipient=_recipient(details, payment, student_id), context=context,
        dedupe_key=f"payment_receipt:{payment['id']}", cause=Cause("payments", str(payment["id"])),
    )  # fmt: skip
