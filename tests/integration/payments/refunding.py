"""Refunds in tests: a payment paid through the sandbox, an admin's refund request, the outbox asking the
provider, reconciliation until it settles."""

from __future__ import annotations

import time
from types import SimpleNamespace

import requests

from tests.integration.payments.world import make_admin, make_center, open_link, run_outbox_row
from tests.support.servers import WAIT_SECONDS
from tests.support.tokens import user_token

SECRET = "secret-for-tests"  # settings_for_tests' JWT secret
PAYMENT = "select status::text from public.payments where id = %s"


def refundable_payment(stack, provider: str):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        payment, checkout = open_link(conn, stack.gateways[provider], center, stack.service_url)
    stack.pay(checkout, "success")
    stack.wait_until(PAYMENT, payment, expect="paid".__eq__)
    return center, admin, payment


def post_refund(stack, admin: str, payment: str, body: dict) -> requests.Response:
    headers = {"Authorization": f"Bearer {user_token(SECRET, admin)}"}
    url = f"{stack.service_url}/admin/payments/{payment}/refunds"
    return requests.post(url, json=body, headers=headers, timeout=10)


def send_refund(stack, payment: str) -> None:
    """The outbox worker asks the provider for the refund."""
    reference = stack.one("select refund_reference from public.payments where id = %s", payment)
    run_outbox_row(stack.db_url, f"refund:{reference}", SimpleNamespace(payments=stack.gateways))


def reconcile_until_settled(stack, payment: str) -> None:
    """Run the reconciliation tick (each time due at once) until the refund in flight has settled."""
    deadline = time.monotonic() + WAIT_SECONDS
    while stack.one(PAYMENT, payment) == "refund_pending":
        assert time.monotonic() < deadline, "the refund never settled"
        due = "update public.payments set next_status_check_at = now() where id = %s returning 1"
        stack.one(due, payment)
        assert stack.reconcile().status_code == 200
        time.sleep(0.1)
