"""A provider-confirmed payment for less than the link asked is paid short: held, told once, not enrolled."""

from __future__ import annotations

import requests

from automation.providers.payments import PaymentState, PaymentStatus
from automation.workflows.payment_confirmation import apply_payment_state
from tests.integration.payments.world import (
    ENROLLMENT,
    FEE_PAISE,
    NOTES,
    make_admin,
    make_center,
    open_link,
)

LINK = """
insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise, payment_url)
values (%s, %s, 'instamojo', 'req_short', %s, 'https://pay.example/short') returning id
"""
NOTICES = "select link, body from public.notifications where user_id = %s and type = 'payment_short'"


def test_a_payment_confirmed_for_less_than_asked_is_noted_once_and_does_not_enroll(db):
    center = make_center(db)
    admin = make_admin(db)
    payment = db.execute(LINK, (center.lead_id, center.batch_id, FEE_PAISE)).fetchone()[0]
    state = PaymentState("instamojo", "req_short", PaymentStatus.PAID, FEE_PAISE - 250_000, "MOJO-SHORT")

    assert apply_payment_state(db, state) is PaymentStatus.PAID
    assert apply_payment_state(db, state) is None  # a replayed webhook, or reconciliation

    stored = db.execute(
        "select status::text, confirmed_paise, receipt_number from public.payments where id = %s", (payment,)
    ).fetchone()
    assert stored == ("paid", FEE_PAISE - 250_000, None)
    assert db.execute(ENROLLMENT, (payment,)).fetchone() is None
    assert db.execute("select status::text from public.leads where id = %s", (center.lead_id,)).fetchone()[
        0
    ] == ("payment_sent")
    assert (
        db.execute("select count(*) from public.outbox where cause_id = %s", (str(payment),)).fetchone()[0]
        == 0
    )
    notes = db.execute(NOTES, (center.lead_id,)).fetchone()[0]
    assert notes == (
        f"Payment {payment} paid ₹10,000.00 of the ₹12,500.00 asked for January Weekend: not enrolled. "
        "Confirm the amount at the payment provider, then send a link for the balance or refund the payment."
    )
    [(link, body)] = db.execute(NOTICES, (admin,)).fetchall()
    assert link == f"/admin/leads/{center.lead_id}"
    assert body.startswith("Asha Rao paid ₹10,000.00 of the ₹12,500.00 asked for January Weekend")


def test_the_return_page_says_what_a_payment_paid_short_still_lacks(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        payment, checkout = open_link(
            conn, stack.gateways["phonepe"], center, stack.service_url, provider_amount=FEE_PAISE - 250_000
        )
    stack.pay(checkout, "success")
    stack.wait_until("select status::text = 'paid' from public.payments where id = %s", payment)

    shown = requests.get(f"{stack.service_url}/public/payments/{payment}", timeout=10).json()

    assert (shown["status"], shown["short_by"]) == ("paid", "₹2,500.00")
