"""A payer whose other link was being paid when one link was paid pays the batch twice: the second payment
gets its receipt and no second seat, and the admins are told to refund it (decision 0671)."""

from __future__ import annotations

import psycopg
import pytest

from automation.providers.payments import PaymentStatus
from tests.integration.payments.confirm import confirm
from tests.integration.payments.world import FEE_PAISE, NOTES, Center, make_admin, make_center, open_link

STATUS = "select status::text from public.payments where id = %s"
RECEIPT = "select receipt_number from public.payments where id = %s"
NOTICES = "select type, title, body, link from public.notifications where user_id = %s order by created_at"
SEATS = "select count(*), min(payment_id::text) from public.enrollments where batch_id = %s"
QUEUED = "select count(*) from public.outbox where idempotency_key like %s"
LINK = """
insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise, list_price_paise)
values (%s, %s, 'phonepe', %s, %s, %s)
"""
APPLY = "select private.apply_payment_state('phonepe', %s, 'paid', %s, %s, null, '{}')"


def _pay_twice(stack, provider: str, center: Center) -> tuple[str, str]:
    """The payer is mid-checkout on a second link when the first is paid; then the second is paid too.
    Returns the two payment ids, first paid first."""
    with stack.connect() as conn:
        first, first_checkout = open_link(conn, stack.gateways[provider], center, stack.service_url)
        second, second_checkout = open_link(conn, stack.gateways[provider], center, stack.service_url)
    stack.pay(second_checkout, "pending_then_success", webhook="drop")
    confirm(stack, second, PaymentStatus.PENDING)
    stack.pay(first_checkout, "success")
    stack.wait_until(STATUS, first, expect="paid".__eq__)
    assert stack.one(STATUS, second) == "pending"  # left open: its money may be in flight
    confirm(stack, second, PaymentStatus.PAID)
    return first, second


@pytest.mark.parametrize("provider", ["phonepe", "instamojo"])
def test_a_link_paid_after_another_was_paid_is_reported_for_refund_and_buys_no_second_seat(stack, provider):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)

    first, second = _pay_twice(stack, provider, center)

    assert stack.one(STATUS, second) == "paid"
    with stack.connect() as conn:
        assert conn.execute(SEATS, (center.batch_id,)).fetchone() == (1, first)
    assert stack.one(QUEUED, "student_welcome:email:%") == 1
    assert stack.one(QUEUED, f"send_receipt:{second}") == 1  # a paid payment still gets its receipt
    assert stack.one(NOTES, center.lead_id).count("enrolled in January Weekend") == 1
    with stack.connect() as conn:
        [(kind, title, body, link)] = conn.execute(NOTICES, (admin,)).fetchall()
    assert (kind, title, link) == ("paid_twice", "Paid twice for one batch", "/admin/payments")
    first_receipt, second_receipt = stack.one(RECEIPT, first), stack.one(RECEIPT, second)
    assert body.startswith("Asha Rao paid for January Weekend twice: ₹12,500.00 on ")
    assert f"(receipt {first_receipt}), then ₹12,500.00 on " in body
    assert body.endswith(
        f"(receipt {second_receipt}). They get one seat. Refund the later payment: on the Payments page, "
        f"choose Refund on the payment with receipt {second_receipt} "
        f"(API: POST /admin/payments/{second}/refunds)."
    )
    assert body in stack.one(NOTES, center.lead_id)


def test_a_payer_without_an_account_who_pays_twice_is_reported_and_each_payment_awaits_the_account(stack):
    with stack.connect() as conn:
        center = make_center(conn, with_account=False)
        admin = make_admin(conn)

    first, second = _pay_twice(stack, "phonepe", center)

    # Each payment's receipt follows its invitation's commit, which seats the student once (idempotent).
    assert stack.one(QUEUED, f"invite_user:{first}") == 1
    assert stack.one(QUEUED, f"invite_user:{second}") == 1
    with stack.connect() as conn:
        assert [row[0] for row in conn.execute(NOTICES, (admin,))] == ["paid_twice"]


def test_a_payment_short_of_its_link_after_one_in_full_is_reported_as_paid_twice_not_as_owing(fresh_db_url):
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        center, admin = make_center(conn), make_admin(conn)
        for reference in ("order-full", "order-again"):
            conn.execute(LINK, (center.lead_id, center.batch_id, reference, FEE_PAISE, FEE_PAISE))
        conn.execute(APPLY, ("order-full", FEE_PAISE, "T-full"))
        conn.execute(APPLY, ("order-again", FEE_PAISE - 500_000, "T-again"))  # ₹5,000 short of its price

        assert [row[0] for row in conn.execute(NOTICES, (admin,))] == ["paid_twice"]
