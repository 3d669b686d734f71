"""PhonePe v1 answers PAYMENT_PENDING for a transaction nobody has tried to pay yet: reconciliation keeps such
a link payable (its page opens the checkout, its messages go, an admin may close it); only an attempt under
way (PhonePe gave it a transactionId) makes the link in progress (decision 0682)."""

from __future__ import annotations

import pytest
import requests

from automation.app_links import AppLinks
from automation.outbox import gate, store
from automation.workflows.payment_links import link_details, send_link_message
from tests.integration.outbox.conftest import ALWAYS_OPEN, FAST_BUCKETS
from tests.integration.payments.world import make_admin, make_center, open_link
from tests.support.tokens import user_token

V1 = pytest.mark.parametrize("stack", [{"phonepe_api_version": "v1"}], indirect=True)
STATUS = "select status::text from public.payments where id = %s"
DUE_NOW = "update public.payments set next_status_check_at = now() where id = %s"  # whatever the schedule
LINKS = AppLinks("https://app.example")
SECRET = "secret-for-tests"  # settings_for_tests' JWT secret
SLOW_SETTLING = {"settle_delay_ms": 600_000}  # a "pending then success" attempt stays pending in the test


def _fresh_v1_link(stack) -> tuple[str, str, str]:
    """A v1 link nobody opened, its payment_link message waiting; returns (admin, link, checkout URL)."""
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        link, url = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        send_link_message(conn, link_details(conn, link), "payment_link", LINKS)
    return admin, link, url


def _tick(stack, link: str) -> dict:
    """One reconciliation tick over HTTP, the link's payment due in it."""
    with stack.connect() as conn:
        conn.execute(DUE_NOW, (link,))
    answer = stack.reconcile()
    assert answer.status_code == 200
    return answer.json()


def _open(stack, link: str) -> dict:
    return requests.post(f"{stack.service_url}/public/payment-links/{link}/checkout", timeout=30).json()


def _message_decisions(stack) -> set[gate.Decision | type]:
    """The outbox gate's decision on the link's waiting messages (Go as its type, Skip with its reason)."""
    with stack.connect() as conn:
        conn.execute(ALWAYS_OPEN)
        conn.execute(FAST_BUCKETS)
        rows = store.claim(conn, "gatekeeper", 10, stale_seconds=300)
        return {d if isinstance(d, gate.Skip) else type(d) for d in gate.decide(conn, rows)}


def _close(stack, admin: str, link: str) -> requests.Response:
    headers = {"Authorization": f"Bearer {user_token(SECRET, admin)}"}
    return requests.post(f"{stack.service_url}/admin/payment-links/{link}/close", json={}, headers=headers,
                         timeout=10)  # fmt: skip


@V1
def test_a_fresh_v1_link_stays_payable_after_a_reconciliation_tick(stack):
    admin, link, url = _fresh_v1_link(stack)

    tick = _tick(stack, link)

    assert (tick["checked"], tick["failed"]) == (1, 0)
    assert stack.one(STATUS, link) == "created"
    shown = _open(stack, link)
    assert (shown["state"], shown["url"]) == ("checkout", url)
    assert _message_decisions(stack) == {gate.Go}
    closed = _close(stack, admin, link)
    assert (closed.status_code, closed.json()["state"]) == (200, "closed")


@V1
def test_a_v1_attempt_under_way_makes_the_link_in_progress(stack):
    requests.put(
        f"{stack.sandbox_url}/_sandbox/api/payments/behaviour", json=SLOW_SETTLING, timeout=5
    ).raise_for_status()
    admin, link, url = _fresh_v1_link(stack)
    stack.pay(url, "pending_then_success", webhook="drop")

    assert _tick(stack, link)["moved"] == 1

    assert stack.one(STATUS, link) == "pending"
    assert _open(stack, link)["state"] == "in_progress"
    assert _message_decisions(stack) == {gate.Skip(gate.LINK_ENDED["in_progress"])}
    assert _close(stack, admin, link).status_code == 409
