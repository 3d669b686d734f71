"""Reconciliation follows PhonePe's mandated status-check schedule: first 25 s after the payment is made, and
once an attempt is seen pending, counted from then (decision 0683)."""

from __future__ import annotations

import requests

from automation.workflows.payment_links import LinkOrder, LinkRoutes, create_payment_link
from tests.integration.payments.world import make_admin, make_center, open_link

SLOW_SETTLING = {"settle_delay_ms": 600_000}  # a "pending then success" attempt stays pending in the test
# Seconds from `start` (a column) to the next check.
NEXT_AFTER = "select extract(epoch from next_status_check_at - {}) from public.payments where id = %s"
DUE = "update public.payments set next_status_check_at = now() where id = %s returning 1"


def test_a_new_payment_is_first_checked_25_seconds_after_it_is_made(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        routes = LinkRoutes(f"{stack.service_url}/pay/return", stack.service_url)
        made = create_payment_link(conn, LinkOrder(center.batch_id, center.lead_id), routes, "phonepe",
                                   make_admin(conn))  # fmt: skip

    assert stack.one(NEXT_AFTER.format("created_at"), made["payment_id"]) == 25
    assert stack.reconcile().json()["checked"] == 0


def test_an_attempt_begun_late_is_checked_on_the_schedule_from_when_it_was_seen_pending(stack):
    requests.put(
        f"{stack.sandbox_url}/_sandbox/api/payments/behaviour", json=SLOW_SETTLING, timeout=5
    ).raise_for_status()
    with stack.connect() as conn:
        payment, checkout = open_link(conn, stack.gateways["phonepe"], make_center(conn), stack.service_url)
        conn.execute("update public.payments set created_at = now() - interval '40 minutes' where id = %s",
                     (payment,))  # fmt: skip
    stack.pay(checkout, "pending_then_success", webhook="drop")
    stack.one(DUE, payment)

    assert stack.reconcile().json()["moved"] == 1

    assert stack.one("select status::text from public.payments where id = %s", payment) == "pending"
    assert stack.one(NEXT_AFTER.format("pending_since"), payment) == 25  # not ten minutes on
    # Checked 26 s after the attempt was seen: the next check is 3 s after the first one (28 s).
    stack.one("update public.payments set pending_since = now() - interval '26 seconds',"
              " next_status_check_at = now() where id = %s returning 1", payment)  # fmt: skip
    assert stack.reconcile().json()["checked"] == 1
    assert stack.one(NEXT_AFTER.format("pending_since"), payment) == 28
    # Five minutes in: every minute (PhonePe's last phase before its 20-minute timeout).
    stack.one("update public.payments set pending_since = now() - interval '300 seconds',"
              " next_status_check_at = now() where id = %s returning 1", payment)  # fmt: skip
    assert stack.reconcile().json()["checked"] == 1
    assert stack.one(NEXT_AFTER.format("pending_since"), payment) == 355
