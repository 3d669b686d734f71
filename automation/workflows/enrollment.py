"""Lead → enrolled student on a confirmed payment, and back out on a refund; in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.rows import dict_row, scalar_row

from automation.money import format_inr
from automation.outbox.enqueue import Cause, enqueue_request
from automation.workflows import enrollment_messages, fee_reminders, payment_receipts, timeline

FIND_STUDENT = """
select p.id from public.profiles p
 where p.id = %(profile)s
    or p.id = (select l.converted_profile_id from public.leads l where l.id = %(lead)s)
    or (p.role = 'student' and p.email = (select l.email from public.leads l where l.id = %(lead)s))
 order by p.id = %(profile)s desc nulls last
 limit 1
"""
ADOPT_LEAD = """
with lead as (
  update public.leads set converted_profile_id = coalesce(converted_profile_id, %(student)s)
   where id = %(lead)s returning phone, parent_name, parent_phone, parent_email
)
update public.profiles p
   set phone = coalesce(p.phone, lead.phone),
       parent_name = coalesce(p.parent_name, lead.parent_name),
       parent_phone = coalesce(p.parent_phone, lead.parent_phone),
       parent_email = coalesce(p.parent_email, lead.parent_email)
  from lead where p.id = %(student)s
"""
ACTIVATE = """
insert into public.enrollments (student_id, batch_id, status, payment_id)
values (%(student)s, %(batch)s, %(status)s, %(payment)s)
on conflict (student_id, batch_id) do update
   set status = excluded.status, payment_id = excluded.payment_id, cancel_reason = null
 where public.enrollments.status in ('pending', 'cancelled')
"""
NOTIFY_ADMINS = """
insert into public.notifications (user_id, type, title, body, link)
select p.id, 'batch_full', %s, %s, %s from public.profiles p where p.role = 'admin'
"""


def convert(conn: psycopg.Connection, payment: Mapping[str, Any]) -> None:
    """The payment was just confirmed paid: the lead is enrolled, a receipt number is assigned, and the
    student is enrolled now, or, with no account yet, once Auth's invitation has made one."""
    if payment["lead_id"]:
        conn.execute("update public.leads set status = 'enrolled' where id = %s", (payment["lead_id"],))
    fee_reminders.cancel_fee_reminders(conn, payment)
    conn.execute(
        "update public.payments set receipt_number = private.next_receipt_number()"
        " where id = %s and receipt_number is null",
        (payment["id"],),
    )
    found = conn.cursor(row_factory=scalar_row).execute(
        FIND_STUDENT, {"profile": payment["profile_id"], "lead": payment["lead_id"]}
    )
    student = found.fetchone()
    if student is not None:
        enroll(conn, str(payment["id"]), str(student))
    else:
        _invite(conn, payment)


def _invite(conn: psycopg.Connection, payment: Mapping[str, Any]) -> None:
    lead = (
        conn.cursor(row_factory=dict_row)
        .execute("select full_name, email from public.leads where id = %s", (payment["lead_id"],))
        .fetchone()
    )
    if lead is None or not lead["email"]:
        raise ValueError(f"payment {payment['id']}: the lead needs an email address to get a student account")
    enqueue_request(
        conn,
        channel="auth",
        operation="invite_user",
        payload={"payment_id": str(payment["id"]), "email": lead["email"], "full_name": lead["full_name"]},
        idempotency_key=f"invite_user:{payment['id']}",
        cause=Cause("payments", str(payment["id"])),
        lead_id=str(payment["lead_id"]),
    )
    amount = format_inr(payment["amount_paise"])
    timeline.note(conn, payment["lead_id"], None, f"Paid {amount}; inviting the new student to sign in.")


def enroll(conn: psycopg.Connection, payment_id: str, student_id: str) -> None:
    """Enroll the paying student in the payment's batch (a full batch alerts the admins instead of
    overbooking), keep the parent's contact, and enqueue the welcome and the receipt. Idempotent."""
    payment = (
        conn.cursor(row_factory=dict_row)
        .execute(
            "select p.*, b.name as batch_name from public.payments p"
            " join public.batches b on b.id = p.batch_id where p.id = %s",
            (payment_id,),
        )
        .fetchone()
    )
    if payment is None:
        raise ValueError(f"payment {payment_id} has no batch to enroll in; set the payment's batch")
    if payment["lead_id"]:
        conn.execute(ADOPT_LEAD, {"student": student_id, "lead": payment["lead_id"]})
    seated = _seat(conn, payment, student_id)
    amount, batch = format_inr(payment["amount_paise"]), payment["batch_name"]
    if seated:
        timeline.note(conn, payment["lead_id"], student_id, f"Paid {amount} → enrolled in {batch}")
        enrollment_messages.enqueue_welcome(conn, payment, student_id)
    else:
        waiting = f"Paid {amount}; {batch} is full, awaiting a seat"
        timeline.note(conn, payment["lead_id"], student_id, waiting)
    payment_receipts.request_receipt(conn, payment, student_id)


def _seat(conn: psycopg.Connection, payment: Mapping[str, Any], student_id: str) -> bool:
    """Activate the enrollment, or leave it pending and alert the admins when the batch is full."""
    values = {"student": student_id, "batch": payment["batch_id"], "payment": payment["id"]}
    try:
        with conn.transaction():
            conn.execute(ACTIVATE, {**values, "status": "active"})
        return True
    except psycopg.errors.CheckViolation:
        conn.execute(ACTIVATE, {**values, "status": "pending"})
        body = f"A paid student awaits a seat in {payment['batch_name']}; raise its capacity or move them."
        conn.execute(NOTIFY_ADMINS, ("Batch full", body, f"/admin/batches/{payment['batch_id']}"))
        return False


def on_refund(conn: psycopg.Connection, payment: Mapping[str, Any]) -> None:
    """The payment was refunded: its enrollment is cancelled when the center's setting says so."""
    cancel = (
        conn.cursor(row_factory=scalar_row)
        .execute("select cancel_enrollment_on_refund from public.automation_settings")
        .fetchone()
    )
    if cancel:
        conn.execute(
            "update public.enrollments set status = 'cancelled', cancel_reason = 'refunded'"
            " where payment_id = %s and status in ('pending', 'active')",
            (payment["id"],),
        )
    amount = format_inr(payment["amount_paise"])
    outcome = "enrollment cancelled" if cancel else "enrollment kept"
    timeline.note(conn, payment["lead_id"], payment["profile_id"], f"Refunded {amount}; {outcome}")
