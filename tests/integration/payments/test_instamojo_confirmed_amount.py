"""Instamojo: the amount confirmed is what the payment itself took, so a payment paid short is caught."""

from __future__ import annotations

from automation.providers.instamojo import request_state
from automation.providers.payments import PaymentStatus
from automation.workflows.payment_confirmation import apply_payment_state
from tests.integration.payments.world import ENROLLMENT, FEE_PAISE, make_center, open_link

PAYMENT = "select status::text, confirmed_paise from public.payments where id = %s"


def test_the_confirmed_amount_is_the_payments_own_not_its_requests(stack):
    gateway = stack.gateways["instamojo"]
    with stack.connect() as conn:
        center = make_center(conn)
        payment, checkout = open_link(conn, gateway, center, stack.service_url)
    stack.pay(checkout, "success", webhook="drop")
    fetched = gateway.fetch_status(
        stack.one("select provider_order_id from public.payments where id = %s", payment)
    )
    assert (fetched.status, fetched.amount_paise) == (PaymentStatus.PAID, FEE_PAISE)

    # What Instamojo's payment resource says of a payment that took ₹10,000.00 of the ₹12,500.00 asked.
    [paid] = fetched.raw["payments"]
    state = request_state(fetched.raw["payment_request"], [{**paid, "amount": "10000.00"}])

    assert state.amount_paise == 1_000_000
    with stack.connect() as conn:
        assert apply_payment_state(conn, state) is PaymentStatus.PAID
        assert conn.execute(PAYMENT, (payment,)).fetchone() == ("paid", 1_000_000)
        assert conn.execute(ENROLLMENT, (payment,)).fetchone() is None  # paid short: held
