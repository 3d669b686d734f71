"""A small center for payment tests: a course, a batch, a lead at payment_sent, maybe a student account."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
import requests
from psycopg.rows import dict_row

from automation.outbox.registry import handler_for
from automation.providers.payments import (
    Payer,
    PaymentGateway,
    PaymentLinkRequest,
    PaymentState,
    PaymentStatus,
)
from automation.workflows.payment_confirmation import apply_payment_state
from automation.workflows.payment_links import LinkOrder, LinkRoutes, create_payment_link

FEE_PAISE = 1_250_000
ENROLLMENT = "select e.status::text from public.enrollments e where e.payment_id = %s"
# The system notes on a lead's timeline, oldest first, joined with " | ".
NOTES = """
select string_agg(m.body, ' | ' order by m.created_at) from public.crm_messages m
  join public.conversations c on c.id = m.conversation_id
 where c.lead_id = %s and m.channel = 'note'
"""
SIGN_UP = """
insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data,
                        created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', %s, 'authenticated', 'authenticated', %s,
        jsonb_build_object('provider', 'email', 'role', %s::text), %s, now(), now())
"""


@dataclass(frozen=True)
class Center:
    batch_id: str
    lead_id: str
    email: str


def make_center(
    conn: psycopg.Connection, *, capacity: int | None = None, with_account: bool = True
) -> Center:
    """A course and batch with one session, and a lead who was sent a payment link."""
    course = conn.execute(
        "insert into public.courses (slug, title, price_paise)"
        " values (%s, 'Young Founders', %s) returning id",
        (f"founders-{uuid.uuid4().hex[:8]}", FEE_PAISE),
    ).fetchone()[0]
    pattern = json.dumps([{"weekday": 6, "start": "10:00", "minutes": 120}])
    batch = conn.execute(
        "insert into public.batches (course_id, name, starts_on, weekly_pattern, capacity, status)"
        " values (%s, 'January Weekend', '2027-01-09', %s, %s, 'open') returning id",
        (course, pattern, capacity),
    ).fetchone()[0]
    conn.execute(
        "insert into public.sessions (batch_id, title, starts_at, duration_minutes, join_url)"
        " values (%s, 'Kick-off', '2027-01-09 04:30+00', 120, 'https://zoom.example/j/1')",
        (batch,),
    )
    email = f"asha-{uuid.uuid4().hex[:8]}@example.com"
    lead = conn.execute(
        "insert into public.leads (full_name, email, phone, parent_name, parent_phone, status, course_id)"
        " values ('Asha Rao', %s, %s, 'Ravi Rao', '+919822222222', 'payment_sent', %s)"
        " returning id",
        (email, f"+9198{uuid.uuid4().int % 10**8:08d}", course),
    ).fetchone()[0]
    if with_account:
        conn.execute(SIGN_UP, (str(uuid.uuid4()), email, "student", json.dumps({"full_name": "Asha Rao"})))
    return Center(str(batch), str(lead), email)


def take_a_seat(conn: psycopg.Connection, batch_id: str) -> None:
    """Another student fills one seat of the batch."""
    user = str(uuid.uuid4())
    conn.execute(SIGN_UP, (user, f"other-{user[:8]}@example.com", "student", "{}"))
    conn.execute(
        "insert into public.enrollments (student_id, batch_id, status) values (%s, %s, 'active')",
        (user, batch_id),
    )


def open_link(
    conn: psycopg.Connection,
    gateway: PaymentGateway,
    center: Center,
    service_url: str,
    provider_amount: int = FEE_PAISE,
) -> tuple[str, str]:
    """A real link at the sandbox and its payments row asking FEE_PAISE; returns (payment id, checkout URL).
    `provider_amount` is what the provider's link takes (less: a payment paid short)."""
    reference = f"pay_{uuid.uuid4().hex[:20]}"
    request = PaymentLinkRequest(
        reference,
        provider_amount,
        "Young Founders, January Weekend",
        Payer("Asha Rao", center.email, "+919811111111"),
        f"{service_url}/payments/return",
        f"{service_url}/webhooks/{gateway.provider}",
    )
    link = gateway.create_link(request)
    row = conn.execute(
        "insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise,"
        " list_price_paise, status, payment_url) values (%s, %s, %s, %s, %s, %s, 'created', %s) returning id",
        (
            center.lead_id,
            center.batch_id,
            gateway.provider,
            link.provider_ref,
            FEE_PAISE,
            FEE_PAISE,
            link.url,
        ),
    ).fetchone()
    return str(row[0]), link.url


def make_admin(conn: psycopg.Connection) -> str:
    user = str(uuid.uuid4())
    conn.execute(SIGN_UP, (user, f"admin-{user[:8]}@example.com", "admin", "{}"))
    return user


def run_outbox_row(
    db_url: str, idempotency_key: str, providers: object, conn_factory: object = None, attempt: int = 1
) -> None:
    """What the outbox worker does with one row on its `attempt`-th claim: the handler (given
    `conn_factory` for its reads), then its record in a commit of its own. Raises what the handler raises."""
    with psycopg.connect(db_url) as conn:
        row = (
            conn.cursor(row_factory=dict_row)
            .execute("select * from public.outbox where idempotency_key = %s", (idempotency_key,))
            .fetchone()
        )
    handler = handler_for(row["channel"], row["operation"])
    sent = handler(conn_factory, {**row, "attempts": attempt}, providers)
    if sent.record is not None:
        with psycopg.connect(db_url) as conn:
            sent.record(conn)


def poll_until_settled(status_url: str) -> dict[str, Any]:
    """What the return page does: GET the payment's status every 2 s until it is no longer open; the service
    asks the provider at most every 10 s (decision 0680), so a few polls suffice."""
    for _ in range(10):
        shown = requests.get(status_url, timeout=10).json()
        if shown["status"] not in ("created", "pending"):
            return shown
        time.sleep(2)
    raise AssertionError(f"{status_url} still open: {shown}")


def paid_without_account(db_url: str) -> tuple[str, dict]:
    """A lead with no account pays: the confirmation enqueues auth/invite_user."""
    with psycopg.connect(db_url) as conn:
        center = make_center(conn, with_account=False)
        payment = conn.execute(
            "insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise)"
            " values (%s, %s, 'instamojo', 'req_account_1', %s) returning id",
            (center.lead_id, center.batch_id, FEE_PAISE),
        ).fetchone()[0]
        apply_payment_state(conn, PaymentState("instamojo", "req_account_1", PaymentStatus.PAID, FEE_PAISE))
        row = (
            conn.cursor(row_factory=dict_row)
            .execute("select * from public.outbox where channel = 'auth' and operation = 'invite_user'")
            .fetchone()
        )
    return str(payment), row


def link_order(stack: Any) -> tuple[str, str]:
    """A PhonePe link waiting in the outbox; returns (payment id, its outbox key)."""
    with stack.connect() as conn:
        center = make_center(conn)
        routes = LinkRoutes(f"{stack.service_url}/pay/return", stack.service_url)
        made = create_payment_link(conn, LinkOrder(center.batch_id, center.lead_id), routes, "phonepe",
                                   make_admin(conn))  # fmt: skip
    return made["payment_id"], f"create_payment_link:{made['payment_id']}"
