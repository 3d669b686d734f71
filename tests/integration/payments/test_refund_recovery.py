"""Refunds that lost their answer, never reached the provider, or were refused (decision 0673)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from psycopg.rows import dict_row

from automation.providers.payments import RefundRequest
from automation.workflows.outbox_admin import change_outbox_item
from tests.integration.payments.refunding import (
    PAYMENT,
    post_refund,
    reconcile_until_settled,
    refundable_payment,
    send_refund,
)
from tests.integration.payments.world import ENROLLMENT, FEE_PAISE, NOTES, run_outbox_row

EARLY_BIRD = {"amount_paise": 250_000, "reason": "early bird"}
REFUND_ROW = "select * from public.outbox where idempotency_key = 'refund:' || %s"
ALERTS = """
select string_agg(n.type || ': ' || n.body, ' | ' order by n.created_at) from public.notifications n
  join public.profiles a on a.id = n.user_id
 where a.id = %s
"""


def _refund_in_flight(stack, payment: str) -> dict:
    """The payments/refund row the admin's request enqueued (its payload is what the handler sends)."""
    reference = stack.one("select refund_reference from public.payments where id = %s", payment)
    with stack.connect() as conn:
        return conn.cursor(row_factory=dict_row).execute(REFUND_ROW, (reference,)).fetchone()


def _refund_at_instamojo(stack, payload: dict, reference: str) -> None:
    """A refund that reached Instamojo under `reference`, whatever became of its answer."""
    request = RefundRequest(
        reference, payload["provider_ref"], payload["provider_payment_id"], payload["amount_paise"],
        payload["reason"], payload["webhook_url"],
    )  # fmt: skip
    stack.gateways["instamojo"].refund(request)


LAST_ERROR = "update public.outbox set last_error = %s where id = %s returning 1"


def _due_now(stack, payment: str) -> None:
    stack.one("update public.payments set next_status_check_at = now() where id = %s returning 1", payment)


@pytest.mark.parametrize("attempt", [2, 1], ids=["worker retry", "admin retried the dead row"])
def test_a_retried_instamojo_refund_adopts_the_refund_whose_answer_was_lost(stack, attempt):
    _, admin, payment = refundable_payment(stack, "instamojo")
    assert post_refund(stack, admin, payment, {"reason": "double charge"}).status_code == 202
    row = _refund_in_flight(stack, payment)
    _refund_at_instamojo(stack, row["payload"], row["payload"]["reference"])  # made; its answer was lost
    # Each earlier attempt failed on the lost answer (an admin's retry starts the count again).
    stack.one(LAST_ERROR, "instamojo: read timed out", row["id"])

    providers = SimpleNamespace(payments=stack.gateways)
    run_outbox_row(stack.db_url, row["idempotency_key"], providers, None, attempt)

    assert stack.one("select refund_provider_ref from public.payments where id = %s", payment)
    reconcile_until_settled(stack, payment)
    assert stack.one(PAYMENT, payment) == "refunded"
    assert stack.one("select refunded_paise from public.payments where id = %s", payment) == FEE_PAISE
    assert stack.one(ENROLLMENT, payment) == "cancelled"


def test_reconciliation_settles_a_refund_made_but_never_recorded(stack):
    _, admin, payment = refundable_payment(stack, "instamojo")
    assert post_refund(stack, admin, payment, {"reason": "moved away"}).status_code == 202
    row = _refund_in_flight(stack, payment)
    # The worker reached Instamojo, then died before recording the answer; the grace period has passed.
    _refund_at_instamojo(stack, row["payload"], row["payload"]["reference"])
    _due_now(stack, payment)

    reconcile_until_settled(stack, payment)

    assert stack.one(PAYMENT, payment) == "refunded"
    assert stack.one("select refunded_paise from public.payments where id = %s", payment) == FEE_PAISE


def test_a_refund_that_never_reached_the_provider_is_reported_once_and_can_be_cancelled(stack):
    center, admin, payment = refundable_payment(stack, "instamojo")
    assert post_refund(stack, admin, payment, EARLY_BIRD).status_code == 202
    row = _refund_in_flight(stack, payment)
    error = "instamojo: HTTP 503: Service unavailable"
    dead = "update public.outbox set status = 'dead', last_error = %s where id = %s returning 1"
    stack.one(dead, error, row["id"])

    for _ in range(2):  # a second tick tells nobody again
        _due_now(stack, payment)
        assert stack.reconcile().status_code == 200

    assert stack.one(PAYMENT, payment) == "refund_pending"
    alerts = stack.one(ALERTS, admin)
    assert alerts == (
        "refund_not_sent: The refund of ₹2,500.00 to Asha Rao never reached Instamojo "
        f"({error}). Retry it under Outbox; or cancel it there, and the payment goes back to paid."
    )
    assert "never reached Instamojo" in stack.one(NOTES, center.lead_id)

    with stack.connect() as conn:
        change_outbox_item(conn, str(row["id"]), "cancel")
    _due_now(stack, payment)
    assert stack.reconcile().status_code == 200

    assert stack.one(PAYMENT, payment) == "paid"
    assert stack.one("select refunded_paise from public.payments where id = %s", payment) == 0
    assert "failed: its request was cancelled under Outbox" in stack.one(NOTES, center.lead_id)


def test_a_second_instamojo_refund_is_refused_up_front_saying_what_to_do(stack):
    _, admin, payment = refundable_payment(stack, "instamojo")
    assert post_refund(stack, admin, payment, EARLY_BIRD).status_code == 202
    send_refund(stack, payment)
    reconcile_until_settled(stack, payment)

    second = post_refund(stack, admin, payment, {"amount_paise": 100_000, "reason": "scholarship"})

    assert second.status_code == 409
    assert second.json()["error"]["message"] == (
        "Instamojo takes one refund per payment, and ₹2,500.00 of this one was refunded already. "
        "Refund the other ₹10,000.00 from Instamojo's dashboard."
    )
    assert stack.one(PAYMENT, payment) == "paid"
    assert stack.one("select count(*) from public.outbox where operation = 'refund'") == 1


def test_a_refund_the_provider_refuses_says_why_on_the_timeline_and_to_the_admins(stack):
    center, admin, payment = refundable_payment(stack, "instamojo")
    assert post_refund(stack, admin, payment, {"reason": "moved away"}).status_code == 202
    row = _refund_in_flight(stack, payment)
    # Someone refunded the payment on Instamojo's dashboard meanwhile: Instamojo refuses ours.
    _refund_at_instamojo(stack, row["payload"], "dashboard1")

    send_refund(stack, payment)

    assert stack.one(PAYMENT, payment) == "paid"
    said = (
        "Refund of ₹12,500.00 to Asha Rao failed: Instamojo refused it (Enter an amount up to what was "
        "paid and not yet refunded). The payment stays paid; refund it again, or from Instamojo's dashboard."
    )
    assert said in stack.one(NOTES, center.lead_id)
    assert stack.one(ALERTS, admin) == f"refund_failed: {said}"
