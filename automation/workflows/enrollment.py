"""A paying student's seat: the welcome is rendered here, the rest is SQL (private.enroll_paid_student)."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.rows import scalar_row
from psycopg.types.json import Jsonb

from automation.workflows.enrollment_messages import welcome

WELCOME_DETAILS = "select private.welcome_details(%s, %s)"
ENROLL = "select private.enroll_paid_student(%s, %s, %s)"


def rendered_welcome(conn: psycopg.Connection, payment_id: str, student_id: str | None) -> dict[str, Any]:
    """The welcome of `student_id` for the payment's batch, rendered ({"student_id", "messages"})."""
    cursor = conn.cursor(row_factory=scalar_row)
    return welcome(cursor.execute(WELCOME_DETAILS, (payment_id, student_id)).fetchone())


def enroll(conn: psycopg.Connection, payment_id: str, student_id: str) -> bool:
    """Enroll the paying student in the payment's batch (a full batch alerts the admins instead of
    overbooking), keep the parent's contact, and enqueue the welcome and the receipt. Idempotent; True
    when seated. Raises psycopg.errors.NotNullViolation when the payment has no batch."""
    values = (payment_id, student_id, Jsonb(rendered_welcome(conn, payment_id, student_id)))
    return conn.cursor(row_factory=scalar_row).execute(ENROLL, values).fetchone()
