"""A payer is one person: a lead, the student it became and the student with its email (decision 0684);
a link is made only for a batch that takes enrollments."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
import requests

from automation.providers.payments import PaymentState, PaymentStatus
from automation.workflows.payment_confirmation import apply_payment_state
from automation.workflows.payment_links import AlreadyPaid, LinkOrder, LinkRoutes, create_payment_link
from tests.integration.payments.world import (
    ENROLLMENT,
    FEE_PAISE,
    NOTES,
    Center,
    make_admin,
    make_center,
    open_link,
    run_outbox_row,
    take_a_seat,
)
from tests.support.tokens import user_token

SECRET = "secret-for-tests"  # settings_for_tests' JWT secret
STATUS = "select status::text from public.payments where id = %s"
STATE = "select private.payment_link_state(%s)"
PAYABLE = "select private.link_payable(p) from public.payments p where p.id = %s"
OUTBOX = "select status::text from public.outbox where idempotency_key = %s"
EARLIER = "select private.paid_in_full_before(p) from public.payments p where p.id = %s"
STUDENT = "select id::text from public.profiles where email = %s"
PAID = """
insert into public.payments (lead_id, profile_id, batch_id, provider, provider_order_id, amount_paise, status,
                             paid_at, receipt_number, confirmed_paise)
values (%s, %s, %s, 'instamojo', %s, %s, 'paid', now(), 'RCT-2026-000077', %s) returning id::text
"""


def _converted_lead(conn, center: Center) -> str:
    """The lead became the student, then changed its address: only converted_profile_id ties them."""
    student = conn.execute(STUDENT, (center.email,)).fetchone()[0]
    conn.execute(
        "update public.leads set converted_profile_id = %s, email = %s where id = %s",
        (student, f"moved-{uuid.uuid4().hex[:8]}@example.com", center.lead_id),
    )
    return student


def _students_link(conn, stack, center: Center, student: str) -> tuple[str, str]:
    """A real Instamojo link made for the student's account (no lead); returns (payment id, checkout URL)."""
    link, checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
    conn.execute("update public.payments set lead_id = null, profile_id = %s where id = %s", (student, link))
    return link, checkout


def test_paying_the_students_link_closes_the_leads_link_for_the_batch(stack):
    with stack.connect() as conn:
        center = make_center(conn, capacity=1)
        take_a_seat(conn, center.batch_id)  # full: the payment leaves the enrollment pending
        student = _converted_lead(conn, center)
        leads_link, leads_checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
        students_link, checkout = _students_link(conn, stack, center, student)

    # One person, one link reminded: the student's newer link replaced the lead's.
    assert stack.one(STATE, leads_link)["link"] == students_link
    assert [stack.one(PAYABLE, link) for link in (leads_link, students_link)] == [False, True]

    stack.pay(checkout, "success")

    stack.wait_until(STATUS, students_link, expect=lambda status: status == "paid")
    assert stack.one(ENROLLMENT, students_link) == "pending"
    assert stack.one(STATUS, leads_link) == "expired"
    assert stack.one(STATE, leads_link)["state"] == "settled"
    assert "expired: the batch is paid through another link" in stack.one(NOTES, center.lead_id)
    assert stack.one(OUTBOX, f"disable_payment_link:{leads_link}") == "pending"
    with stack.connect() as conn:  # paid short on the lead's closed link: after a payment in full
        short = conn.execute(PAID, (center.lead_id, None, center.batch_id, "req_short_1", FEE_PAISE, 100))
        earlier = conn.execute(EARLIER, short.fetchone()).fetchone()[0]
    assert str(earlier) == students_link

    providers = SimpleNamespace(payments=stack.gateways)
    run_outbox_row(stack.db_url, f"disable_payment_link:{leads_link}", providers)

    assert stack.pay(leads_checkout, "success").status_code == 409  # Instamojo's page takes no payment


def test_a_student_enrolled_already_is_recognised_as_a_lead_with_their_email(stack):
    with stack.connect() as conn:
        center = make_center(conn)  # the lead has the student's email and was never linked to them
        student = conn.execute(STUDENT, (center.email,)).fetchone()[0]
        leads_link, _ = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
        seat = conn.execute(
            "insert into public.enrollments (student_id, batch_id, status) values (%s, %s, 'active')"
            " returning id",
            (student, center.batch_id),
        ).fetchone()[0]
        routes = LinkRoutes(f"{stack.service_url}/pay/return", stack.service_url)
        with pytest.raises(AlreadyPaid, match=f"already has a seat in this batch \\(enrollment {seat}"):
            create_payment_link(conn, LinkOrder(center.batch_id, center.lead_id), routes, "instamojo", None)

    assert stack.one(STATE, leads_link)["reason"] == "enrolled"
    assert stack.one(PAYABLE, leads_link) is False


def test_a_leads_short_payment_after_the_students_with_the_same_email_is_a_second_payment(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        make_admin(conn)
        student = conn.execute(STUDENT, (center.email,)).fetchone()[0]
        conn.execute(PAID, (None, student, center.batch_id, "req_first_1", FEE_PAISE, FEE_PAISE))
        conn.execute(
            "insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise)"
            " values (%s, %s, 'instamojo', 'req_second_1', %s)",
            (center.lead_id, center.batch_id, FEE_PAISE),
        )
        short = PaymentState("instamojo", "req_second_1", PaymentStatus.PAID, FEE_PAISE - 500_000)
        apply_payment_state(conn, short)
        notices = conn.execute("select type, count(*) from public.notifications group by type")

        assert dict(notices.fetchall()) == {"paid_twice": 1}
    assert "RCT-2026-000077" in stack.one(NOTES, center.lead_id)  # the payment to keep, named


@pytest.mark.parametrize("status", ["cancelled", "completed"])
def test_no_link_for_a_batch_that_takes_no_enrollments(stack, status):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        conn.execute("update public.batches set status = %s where id = %s", (status, center.batch_id))

    answer = _post_link(stack, admin, {"batch_id": center.batch_id, "lead_id": center.lead_id})

    assert answer.status_code == 422
    message = answer.json()["error"]["message"]
    assert message.startswith(f"batch_id: January Weekend is {status} and takes no enrollments")
    assert "batch_id" in answer.json()["error"]["fields"]
    assert stack.one("select count(*) from public.payments") == 0
    assert stack.one("select count(*) from public.outbox where channel = 'payments'") == 0
    assert stack.one("select status::text from public.leads where id = %s", center.lead_id) == "payment_sent"


def test_no_link_for_a_batch_that_ended(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        conn.execute(
            "update public.batches set starts_on = '2026-01-10', ends_on = '2026-03-28' where id = %s",
            (center.batch_id,),
        )

    answer = _post_link(stack, admin, {"batch_id": center.batch_id, "lead_id": center.lead_id})

    assert answer.status_code == 422
    assert "ended on 28 March 2026; choose an open or planned batch" in answer.json()["error"]["message"]
    assert stack.one("select count(*) from public.payments") == 0


@pytest.mark.parametrize("status", ["planned", "running"])  # running: a late joiner
def test_a_planned_or_running_batch_takes_a_link(stack, status):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        conn.execute("update public.batches set status = %s where id = %s", (status, center.batch_id))

    answer = _post_link(stack, admin, {"batch_id": center.batch_id, "lead_id": center.lead_id})

    assert answer.status_code == 201


def _post_link(stack, admin: str, body: dict) -> requests.Response:
    headers = {"Authorization": f"Bearer {user_token(SECRET, admin)}"}
    return requests.post(f"{stack.service_url}/admin/payment-links", json=body, headers=headers, timeout=10)
