"""A payment confirmed through the sandbox turns a lead into an enrolled student, once, in one transaction."""

from __future__ import annotations

import pytest

from automation.app_links import AppLinks
from automation.outbox.deferred import resolve
from automation.providers.payments import RefundRequest
from tests.integration.payments.world import ENROLLMENT, FEE_PAISE, NOTES, make_center, open_link, take_a_seat

PAYMENT_STATUS = "select status::text from public.payments where id = %s"
OUTBOX = "select count(*) from public.outbox where cause_id = %s and idempotency_key like %s"
PREVIEW = "select last_message_preview from public.conversations where lead_id = %s"
PAST_SESSION = """
insert into public.sessions (batch_id, title, starts_at, duration_minutes, join_url)
values (%s, 'Orientation', now() - interval '3 days', 60, 'https://zoom.example/j/held')
"""
NOTICE = "select link from public.notifications where user_id = %s and type = 'payment_needs_email'"
SIGN_UP_ADMIN = """
insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
        'admin-' || gen_random_uuid() || '@example.com', '{"provider": "email", "role": "admin"}',
        now(), now())
returning id
"""
WELCOME = """
select payload from public.outbox
 where cause_id = %s and idempotency_key like 'student_welcome:' || %s || ':%%'
"""


@pytest.mark.parametrize("provider", ["instamojo", "phonepe"])
def test_a_paid_checkout_enrolls_the_lead_with_welcome_and_receipt(stack, provider):
    with stack.connect() as conn:
        center = make_center(conn)
        payment, checkout = open_link(conn, stack.gateways[provider], center, stack.service_url)
        conn.execute(PAST_SESSION, (center.batch_id,))  # a class already held: not the one to announce

    assert stack.pay(checkout, "success").status_code in (302, 303)

    assert stack.wait_until(PAYMENT_STATUS, payment, expect=lambda s: s == "paid") == "paid"
    assert stack.one(ENROLLMENT, payment) == "active"
    assert stack.one("select status::text from public.leads where id = %s", center.lead_id) == "enrolled"
    student = stack.one("select converted_profile_id from public.leads where id = %s", center.lead_id)
    assert stack.one("select parent_phone from public.profiles where id = %s", student) == "+919822222222"
    # the student sees the payment and its receipt (RLS keys on payments.profile_id)
    assert stack.one("select profile_id from public.payments where id = %s", payment) == student
    assert "Paid ₹12,500.00 → enrolled in January Weekend" in stack.one(NOTES, center.lead_id)
    assert stack.one("select receipt_number from public.payments where id = %s", payment).startswith("RCT-")
    assert stack.one(OUTBOX, payment, "student_welcome:email:%") == 1
    assert stack.one(OUTBOX, payment, "student_welcome:whatsapp:%") == 1
    assert stack.one(OUTBOX, payment, "send_receipt:%") == 1
    # queued with the facts to render; the worker renders them at send time
    links = AppLinks("https://app.center.example/")
    welcome = {channel: resolve({"channel": channel, "payload": stack.one(WELCOME, payment, channel)}, links)
               for channel in ("email", "whatsapp")}  # fmt: skip
    assert "https://zoom.example/j/1" in " ".join(welcome["whatsapp"].payload["params"])
    assert "https://zoom.example/j/held" not in " ".join(welcome["whatsapp"].payload["params"])
    assert "January Weekend" in welcome["email"].body
    # the web app's sign-in page, whatever the center's website
    assert "payments: https://app.center.example/sign-in\n" in welcome["email"].payload["text"]
    assert 'href="https://app.center.example/sign-in"' in welcome["email"].payload["html"]
    assert welcome["email"].payload["to_email"] == center.email
    assert stack.one(PREVIEW, center.lead_id) == "Paid ₹12,500.00 → enrolled in January Weekend"
    assert stack.one("select active_enrollments from public.batches where id = %s", center.batch_id) == 1


def test_a_failed_payment_keeps_the_lead_at_payment_sent_with_the_failure_on_its_timeline(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        payment, checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)

    stack.pay(checkout, "failure")

    assert stack.wait_until(PAYMENT_STATUS, payment, expect=lambda s: s == "failed") == "failed"
    assert stack.one("select status::text from public.leads where id = %s", center.lead_id) == "payment_sent"
    assert "failed" in stack.one(NOTES, center.lead_id)
    same_link = "the payer can pay again from the same link, which makes a new order"
    assert same_link in stack.one(NOTES, center.lead_id)
    assert stack.one(ENROLLMENT, payment) is None
    with stack.connect() as conn:  # and a new link can be paid
        second, checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
    stack.pay(checkout, "success")
    assert stack.wait_until(PAYMENT_STATUS, second, expect=lambda s: s == "paid") == "paid"
    assert stack.one("select status::text from public.leads where id = %s", center.lead_id) == "enrolled"


def test_a_refund_cancels_the_enrollment_and_says_so_on_the_timeline(stack):
    gateway = stack.gateways["phonepe"]
    with stack.connect() as conn:
        center = make_center(conn)
        payment, checkout = open_link(conn, gateway, center, stack.service_url)
    stack.pay(checkout, "success")
    stack.wait_until(PAYMENT_STATUS, payment, expect=lambda s: s == "paid")
    order = stack.one("select provider_order_id from public.payments where id = %s", payment)
    paid = gateway.fetch_status(order)
    gateway.refund(
        RefundRequest(f"rf_{order[4:24]}", order, paid.provider_payment_id, FEE_PAISE, "changed plans", "")
    )

    assert stack.wait_until(PAYMENT_STATUS, payment, expect=lambda s: s == "refunded") == "refunded"
    assert stack.one(ENROLLMENT, payment) == "cancelled"
    assert "Refunded ₹12,500.00; enrollment cancelled" in stack.one(NOTES, center.lead_id)
    assert stack.one("select active_enrollments from public.batches where id = %s", center.batch_id) == 0


def test_a_full_batch_alerts_the_admins_instead_of_overbooking(stack):
    with stack.connect() as conn:
        center = make_center(conn, capacity=1)
        take_a_seat(conn, center.batch_id)
        payment, checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)

    stack.pay(checkout, "success")

    assert stack.wait_until(PAYMENT_STATUS, payment, expect=lambda s: s == "paid") == "paid"
    assert stack.one(ENROLLMENT, payment) == "pending"
    assert stack.one("select active_enrollments from public.batches where id = %s", center.batch_id) == 1
    notes = stack.one(NOTES, center.lead_id)
    assert "is full" in notes
    assert "enrolled in" not in notes  # written before the seat was refused, and undone with it
    assert stack.one(OUTBOX, payment, "student_welcome:%") == 0
    assert stack.one(OUTBOX, payment, "send_receipt:%") == 1  # paid all the same


def test_a_lead_without_an_account_is_enrolled_as_a_lead_and_invited_through_the_outbox(stack):
    with stack.connect() as conn:
        center = make_center(conn, with_account=False)
        payment, checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)

    stack.pay(checkout, "success")

    assert stack.wait_until(PAYMENT_STATUS, payment, expect=lambda s: s == "paid") == "paid"
    assert stack.one("select status::text from public.leads where id = %s", center.lead_id) == "enrolled"
    invite = stack.one(
        "select payload from public.outbox where channel = 'auth' and operation = 'invite_user'"
        " and idempotency_key = %s",
        f"invite_user:{payment}",
    )
    assert invite == {"payment_id": payment, "email": center.email, "full_name": "Asha Rao"}


def test_a_payer_without_an_email_is_paid_and_enrolled_once_the_admin_adds_one(stack):
    with stack.connect() as conn:
        center = make_center(conn, with_account=False)
        payment, checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        conn.execute("update public.leads set email = null where id = %s", (center.lead_id,))
        admin = conn.execute(SIGN_UP_ADMIN).fetchone()[0]

    stack.pay(checkout, "success")

    # the money is recorded, and the admins are told what the student account needs
    assert stack.wait_until(PAYMENT_STATUS, payment, expect=lambda s: s == "paid") == "paid"
    assert "add the payer's email address to this lead" in stack.one(NOTES, center.lead_id)
    assert stack.one(NOTICE, admin) == f"/admin/leads/{center.lead_id}"
    assert stack.one(OUTBOX, payment, "invite_user:%") == 0
    with stack.connect() as conn:
        conn.execute("update public.leads set email = %s where id = %s", (center.email, center.lead_id))
    assert stack.one(OUTBOX, payment, "invite_user:%") == 1  # the invitation, then the seat, follow
