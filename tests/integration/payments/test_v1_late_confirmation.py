"""A PhonePe v1 status answer has no attempt time: a payment that reconciliation confirms long after its link
lapsed raises no "paid after the link lapsed" alarm; one on an order we had closed still does (decision
0692)."""

from __future__ import annotations

import pytest

from automation.providers.payments import PaymentStatus
from automation.providers.phonepe_v1 import PhonePeV1Gateway
from devstack.sandbox.payments.credentials import PHONEPE_MERCHANT_ID, PHONEPE_SALT_INDEX, PHONEPE_SALT_KEY
from tests.integration.payments.confirm import confirm
from tests.integration.payments.world import ENROLLMENT, make_admin, make_center, open_link

LAPSED_AN_HOUR_AGO = "update public.payments set expires_at = now() - interval '1 hour' where id = %s"
CLOSED = "update public.payments set status = 'expired', next_status_check_at = null where id = %s"
ALARMS = "select title from public.notifications where user_id = %s and type = 'payment_on_closed_link'"


@pytest.fixture
def v1_stack(stack):
    """The payment stack with PhonePe answering through its legacy v1 API (salt key + X-VERIFY)."""
    base = f"{stack.sandbox_url}/phonepe"
    stack.gateways["phonepe"] = PhonePeV1Gateway(
        base, PHONEPE_MERCHANT_ID, PHONEPE_SALT_KEY, PHONEPE_SALT_INDEX
    )
    return stack


def _paid_late(stack, close_first: bool) -> tuple[str, str]:
    """A v1 payment begun while its link was open, its callback lost, confirmed by reconciliation an hour
    after the link lapsed (on an order we had closed meanwhile, when `close_first`).
    Returns (admin, payment)."""
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        payment, checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
    stack.pay(checkout, "pending_then_success", webhook="drop")
    confirm(stack, payment, PaymentStatus.PENDING)
    with stack.connect() as conn:
        conn.execute(LAPSED_AN_HOUR_AGO, (payment,))
        if close_first:
            conn.execute(CLOSED, (payment,))
    state = confirm(stack, payment, PaymentStatus.PAID)
    assert "paymentDetails" not in state.raw  # v1: nothing says when the attempt began
    return admin, payment


def test_a_v1_payment_confirmed_an_hour_after_the_lapse_raises_no_alarm(v1_stack):
    admin, payment = _paid_late(v1_stack, close_first=False)

    assert v1_stack.one(ENROLLMENT, payment) == "active"
    assert v1_stack.one(ALARMS, admin) is None


def test_a_v1_payment_on_an_order_we_had_closed_still_raises_the_alarm(v1_stack):
    admin, payment = _paid_late(v1_stack, close_first=True)

    assert v1_stack.one(ENROLLMENT, payment) == "active"
    assert v1_stack.one(ALARMS, admin) == "Paid on a closed link"
