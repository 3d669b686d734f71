""" "Paid after the link lapsed" goes to the admins only for a payment begun after the lapse: the provider's
attempt time decides (decision 0671); without one, only a link we had closed does (decision 0692)."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg.types.json import Jsonb

from automation.providers.payments import PaymentStatus
from tests.integration.payments.confirm import confirm
from tests.integration.payments.world import ENROLLMENT, FEE_PAISE, make_admin, make_center, open_link

LAPSE = "update public.payments set expires_at = now() - %s::interval where id = %s"
LAPSE_ALERTS = "select title from public.notifications where user_id = %s and type = 'payment_on_closed_link'"
APPLY = "select private.apply_payment_state('phonepe', %s, 'paid', %s, %s, null, %s)"
PAYMENT = """
insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise, list_price_paise,
                             status, expires_at)
values (%s, %s, 'phonepe', %s, %s, %s, 'pending', now() - %s::interval) returning provider_order_id
"""


@pytest.mark.parametrize("provider", ["phonepe", "instamojo"])
def test_a_payment_begun_before_the_link_lapsed_and_settled_after_raises_no_alarm(stack, provider):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        payment, checkout = open_link(conn, stack.gateways[provider], center, stack.service_url)
    stack.pay(checkout, "pending_then_success", webhook="drop")
    confirm(stack, payment, PaymentStatus.PENDING)
    with stack.connect() as conn:
        conn.execute(LAPSE, ("0 seconds", payment))

    confirm(stack, payment, PaymentStatus.PAID)

    assert stack.one(ENROLLMENT, payment) == "active"
    assert stack.one(LAPSE_ALERTS, admin) is None


def _paid_after_lapse(conn: psycopg.Connection, lapsed: str, raw: dict, attempt: str) -> None:
    """A PhonePe payment whose link lapsed `lapsed` ago is confirmed paid now by `attempt`, the provider
    answering `raw`."""
    center = make_center(conn)
    reference = f"pay_{uuid.uuid4().hex[:20]}"
    conn.execute(PAYMENT, (center.lead_id, center.batch_id, reference, FEE_PAISE, FEE_PAISE, lapsed))
    conn.execute(APPLY, (reference, FEE_PAISE, attempt, Jsonb(raw)))


def test_without_an_attempt_time_a_payment_confirmed_however_late_raises_no_alarm(fresh_db_url):
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        admin = make_admin(conn)
        _paid_after_lapse(conn, "5 minutes", {"code": "PAYMENT_SUCCESS", "data": {}}, "T1")  # v1: no time
        assert conn.execute(LAPSE_ALERTS, (admin,)).fetchall() == []

        _paid_after_lapse(conn, "1 day", {"code": "PAYMENT_SUCCESS", "data": {}}, "T2")
        assert conn.execute(LAPSE_ALERTS, (admin,)).fetchall() == []


def test_an_attempt_begun_after_the_lapse_raises_the_alarm_within_the_grace(fresh_db_url):
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        admin = make_admin(conn)
        now_ms = int(conn.execute("select extract(epoch from now()) * 1000").fetchone()[0])
        attempts = [{"transactionId": "OM1", "timestamp": now_ms, "state": "COMPLETED"}]

        _paid_after_lapse(conn, "1 minute", {"state": "COMPLETED", "paymentDetails": attempts}, "OM1")

        assert conn.execute(LAPSE_ALERTS, (admin,)).fetchall() == [("Paid after the link lapsed",)]
