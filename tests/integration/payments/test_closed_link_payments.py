"""A payment confirmed on a link that no longer took payment is applied as ever, and the admins are told."""

from __future__ import annotations

from tests.integration.payments.world import ENROLLMENT, NOTES, make_admin, make_center, open_link

PAYMENT = "select status::text from public.payments where id = %s"
TWICE = "select title, body, link from public.notifications where user_id = %s and type = 'paid_twice'"
NOTICES = """
select title, body, link from public.notifications
 where user_id = %s and type = 'payment_on_closed_link' order by created_at
"""


def test_a_payment_on_a_link_closed_by_another_payment_asks_the_admins_to_refund_it(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        first, first_checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        second, second_checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
    stack.pay(first_checkout, "success")
    stack.wait_until(PAYMENT, first, expect="paid".__eq__)
    assert stack.one(PAYMENT, second) == "expired"  # closed: the payer paid the first link

    stack.pay(second_checkout, "success")

    assert stack.wait_until(PAYMENT, second, expect="paid".__eq__) == "paid"  # the money is kept
    receipt = stack.one("select receipt_number from public.payments where id = %s", second)
    with stack.connect() as conn:
        [(title, body, link)] = conn.execute(TWICE, (admin,)).fetchall()
        assert conn.execute(NOTICES, (admin,)).fetchall() == []
    assert (title, link) == ("Paid twice for one batch", "/admin/payments")
    assert body.startswith("Asha Rao paid for January Weekend twice: ₹12,500.00 on ")
    assert f"(receipt {receipt}) on a link that had been closed. They get one seat. Refund the later" in body
    assert body in stack.one(NOTES, center.lead_id)


def test_a_payment_confirmed_after_its_link_lapsed_is_applied_and_the_admins_check_the_seat(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        payment, checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        lapsed = "update public.payments set expires_at = '2026-01-05 04:30+00' where id = %s"
        conn.execute(lapsed, (payment,))

    stack.pay(checkout, "success")

    assert stack.wait_until(PAYMENT, payment, expect="paid".__eq__) == "paid"
    assert stack.one(ENROLLMENT, payment) == "active"  # applied as any payment is
    body = (
        "Asha Rao paid ₹12,500.00 for January Weekend after the link lapsed (05 Jan 2026 10:00). The payment "
        "was recorded as usual: check their seat in the batch, and refund the payment if it should not stand."
    )
    with stack.connect() as conn:
        assert conn.execute(NOTICES, (admin,)).fetchall() == [
            ("Paid after the link lapsed", body, f"/admin/leads/{center.lead_id}")
        ]
