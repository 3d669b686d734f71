"""An admin's payment link: priced from the course, made at the provider from the outbox, sent, then paid."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import requests

from automation.app_links import AppLinks
from tests.integration.payments.world import (
    FEE_PAISE,
    make_admin,
    make_center,
    poll_until_settled,
    run_outbox_row,
)
from tests.support.tokens import user_token

LINKS = AppLinks("https://app.example")

SECRET = "secret-for-tests"  # settings_for_tests' JWT secret


def _post_link(stack, admin: str, body: dict) -> requests.Response:
    headers = {"Authorization": f"Bearer {user_token(SECRET, admin)}"}
    return requests.post(f"{stack.service_url}/admin/payment-links", json=body, headers=headers, timeout=10)


def _run_link_request(stack, payment_id: str) -> None:
    """What the outbox worker does with the payments/create_payment_link row."""
    providers = SimpleNamespace(payments=stack.gateways, links=LINKS)
    run_outbox_row(stack.db_url, f"create_payment_link:{payment_id}", providers)


def test_a_link_is_priced_made_sent_and_its_payment_confirmed_on_the_return_page(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        conn.execute("update public.leads set status = 'interested' where id = %s", (center.lead_id,))
    body = {"batch_id": center.batch_id, "lead_id": center.lead_id, "discount_paise": 250_000,
            "pricing_note": "early bird"}  # fmt: skip

    made = _post_link(stack, admin, body)

    assert made.status_code == 201
    payment = made.json()["payment_id"]
    assert made.json()["amount_paise"] == FEE_PAISE - 250_000
    _run_link_request(stack, payment)
    assert stack.one("select status::text from public.leads where id = %s", center.lead_id) == "payment_sent"
    checkout = stack.one("select payment_url from public.payments where id = %s", payment)
    whatsapp = stack.one(
        "select payload from public.outbox where idempotency_key = %s", f"payment_link:whatsapp:{payment}"
    )
    assert LINKS.pay(payment) in whatsapp["params"]  # the link's page, which outlives the provider's order
    assert "₹10,000" in whatsapp["params"]
    assert stack.one(
        "select count(*) from public.outbox where idempotency_key = %s", f"payment_link:email:{payment}"
    )
    status_url = f"{stack.service_url}/public/payments/{payment}"
    assert requests.get(status_url, timeout=10).json()["status"] == "created"

    stack.pay(checkout, "success", webhook="drop")  # the redirect alone proves nothing; the page asks

    shown = poll_until_settled(status_url)
    assert (shown["reference"], shown["status"], shown["currency"]) == (payment, "paid", "INR")
    assert shown["receipt_number"].startswith("RCT-")
    assert shown["paid_at"]
    assert shown["description"]
    assert stack.one("select status::text from public.leads where id = %s", center.lead_id) == "enrolled"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"discount_paise": 100}, "pricing_note"),
        ({"discount_paise": FEE_PAISE, "pricing_note": "free"}, "discount_paise"),
    ],
)
def test_a_price_change_needs_a_reason_and_a_positive_amount(stack, change, field):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)

    answer = _post_link(stack, admin, {"batch_id": center.batch_id, "lead_id": center.lead_id, **change})

    assert answer.status_code == 422
    assert field in answer.json()["error"]["fields"]
    assert stack.one("select count(*) from public.payments") == 0


def test_a_lead_without_an_email_address_gets_no_link_until_it_has_one(stack):
    with stack.connect() as conn:
        center = make_center(conn, with_account=False)
        conn.execute("update public.leads set email = null where id = %s", (center.lead_id,))
        admin = make_admin(conn)

    answer = _post_link(stack, admin, {"batch_id": center.batch_id, "lead_id": center.lead_id})

    assert answer.status_code == 422
    assert "email address" in answer.json()["error"]["fields"]["lead_id"]
    assert stack.one("select count(*) from public.payments") == 0


def test_the_return_page_of_an_unknown_payment_is_404(stack):
    answer = requests.get(
        f"{stack.service_url}/public/payments/00000000-0000-0000-0000-000000000000", timeout=10
    )
    assert answer.status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount_paise": 500, "pricing_note": "a token amount"}, "amount_paise"),
        ({"discount_paise": FEE_PAISE - 500, "pricing_note": "scholarship"}, "discount_paise"),
    ],
)
def test_an_amount_below_the_providers_minimum_is_refused_with_the_minimum_in_rupees(stack, change, field):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)

    answer = _post_link(stack, admin, {"batch_id": center.batch_id, "lead_id": center.lead_id, **change})

    assert answer.status_code == 422
    assert "Instamojo takes at least ₹9" in answer.json()["error"]["fields"][field]
    assert stack.one("select count(*) from public.payments") == 0


def test_an_instamojo_link_is_made_for_a_payer_with_a_foreign_phone(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        conn.execute("update public.leads set phone = '+447700900123' where id = %s", (center.lead_id,))
        admin = make_admin(conn)

    made = _post_link(stack, admin, {"batch_id": center.batch_id, "lead_id": center.lead_id})
    _run_link_request(stack, made.json()["payment_id"])

    assert stack.one("select payment_url from public.payments where id = %s", made.json()["payment_id"])


PAID = """
insert into public.payments (lead_id, profile_id, batch_id, provider, amount_paise, status, paid_at,
                             receipt_number, confirmed_paise)
values (%s, %s, %s, 'instamojo', %s, 'paid', now(), 'RCT-2026-000042', %s) returning id
"""


def _student_of(conn, center) -> str:
    student = conn.execute("select id from public.profiles where email = %s", (center.email,)).fetchone()[0]
    conn.execute("update public.leads set converted_profile_id = %s where id = %s", (student, center.lead_id))
    return str(student)


def test_a_lead_whose_student_paid_for_the_batch_gets_no_second_link(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        paid = conn.execute(PAID, (None, _student_of(conn, center), center.batch_id, FEE_PAISE, FEE_PAISE))

    answer = _post_link(stack, admin, {"batch_id": center.batch_id, "lead_id": center.lead_id})

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "already_paid"
    message = answer.json()["error"]["message"]
    assert f"already paid ₹12,500.00 for this batch (payment {paid.fetchone()[0]}" in message
    assert "RCT-2026-000042" in message
    assert stack.one("select count(*) from public.payments") == 1


def test_a_student_with_a_seat_in_the_batch_gets_no_link_for_it(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        student = _student_of(conn, center)
        seat = conn.execute(
            "insert into public.enrollments (student_id, batch_id, status) values (%s, %s, 'active')"
            " returning id",
            (student, center.batch_id),
        ).fetchone()[0]

    answer = _post_link(stack, admin, {"batch_id": center.batch_id, "profile_id": student})

    assert answer.status_code == 409
    assert (
        f"already has a seat in this batch (enrollment {seat}, active)" in answer.json()["error"]["message"]
    )


def test_a_payment_paid_short_leaves_room_for_a_link_for_the_balance(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        conn.execute(PAID, (center.lead_id, None, center.batch_id, FEE_PAISE, FEE_PAISE - 500_000))
    body = {"batch_id": center.batch_id, "lead_id": center.lead_id, "amount_paise": 500_000,
            "pricing_note": "the balance"}  # fmt: skip

    assert _post_link(stack, admin, body).status_code == 201
