"""A paying student's seat: one SQL call (private.enroll_paid_student), the welcome rendered at send time."""

from __future__ import annotations

import psycopg
from psycopg.rows import scalar_row

ENROLL = "select private.enroll_paid_student(%s, %s)"


def enroll(conn: psycopg.Connection, payment_id: str, student_id: str) -> bool:
    """Enroll the paying student in the payment's batch (a full batch alerts the admins instead of
    overbooking), keep the parent's contact, and enqueue the welcome and the receipt. Idempotent; True
    when seated. Raises psycopg.errors.NotNullViolation when the payment has no batch."""
    return conn.cursor(row_factory=scalar_row).execute(ENROLL, (payment_id, student_id)).fetchone()
