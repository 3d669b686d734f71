"""Payment receipts: requested in the conversion, rendered as PDF by the outbox worker, emailed attached."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.rows import dict_row

from automation.outbox.enqueue import Cause, enqueue_message
from automation.providers.ports import Attachment
from automation.receipts.gst import receipt_gstin
from automation.receipts.receipt import PROVIDER_NAMES, Issuer, Receipt, local_time
from automation.workflows.enrollment_messages import details_of, recipient_of, welcome_context

RECEIPT = """
select p.id, p.lead_id, p.batch_id, p.provider::text, p.amount_paise, p.currency, p.receipt_number,
       p.paid_at, p.provider_payment_id, pr.full_name, coalesce(pr.email, pr.phone) as contact,
       c.title as course_name, b.name as batch_name,
       coalesce(cs.legal_name, cs.name) as center_name, coalesce(cs.address, '') as address, cs.gstin,
       cs.timezone::text as timezone
  from public.payments p
  join public.batches b on b.id = p.batch_id
  join public.courses c on c.id = b.course_id
  join public.profiles pr on pr.id = %(student)s
  cross join public.center_settings cs
 where p.id = %(payment)s and p.receipt_number is not null
"""


def receipt_of(conn: psycopg.Connection, payment_id: str, student_id: str) -> tuple[Receipt, Issuer]:
    """The receipt and its issuer (with GST fields when receipt_gstin shows the center's GSTIN).
    Raises LookupError when the payment has no receipt number (it was never paid)."""
    row = (
        conn.cursor(row_factory=dict_row)
        .execute(RECEIPT, {"payment": payment_id, "student": student_id})
        .fetchone()
    )
    if row is None:
        raise LookupError(f"payment {payment_id} has no receipt number; only paid payments get receipts")
    issuer = Issuer(row["center_name"], row["address"], receipt_gstin(row["gstin"]), timezone=row["timezone"])
    receipt = Receipt(
        row["receipt_number"], row["full_name"] or "Student", row["course_name"], row["batch_name"],
        row["amount_paise"], row["provider"], row["provider_payment_id"] or "", row["paid_at"],
        row["contact"], row["currency"],
    )  # fmt: skip
    return receipt, issuer


def email_receipt(conn: psycopg.Connection, payment_id: str, student_id: str, pdf: bytes) -> None:
    """Enqueue the receipt email with the PDF attached (no email address: nothing to send)."""
    payment = (
        conn.cursor(row_factory=dict_row)
        .execute("select * from public.payments where id = %s", (payment_id,))
        .fetchone()
    )
    if payment is None:
        raise LookupError(f"payment {payment_id} is gone; nothing to send a receipt for")
    details = details_of(conn, payment_id, student_id)
    if not details["email"]:
        return
    enqueue_message(
        conn, channel="email", template="payment_receipt",
        recipient=recipient_of(details, payment, student_id),
        context=receipt_email_context(details, payment),
        dedupe_key=f"payment_receipt:{payment_id}", cause=Cause("payments", payment_id),
        attachments=[Attachment(f"receipt-{payment['receipt_number']}.pdf", pdf, "application/pdf")],
    )  # fmt: skip


def receipt_email_context(details: Mapping[str, Any], payment: Mapping[str, Any]) -> dict[str, Any]:
    """What the payment_receipt email shows: the welcome's facts, the payment, and the GSTIN the PDF shows."""
    return {
        **welcome_context(details, payment),
        "receipt_number": payment["receipt_number"],
        "provider": PROVIDER_NAMES.get(payment["provider"], payment["provider"]),
        "provider_payment_id": payment["provider_payment_id"] or "",
        "paid_at": local_time(payment["paid_at"], details["center_timezone"]),
        "gstin": receipt_gstin(details["gstin"]),
    }
