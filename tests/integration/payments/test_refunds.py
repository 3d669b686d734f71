"""Refunds an admin starts (contract C2): refund_pending, asked from the outbox, settled by the provider."""

from __future__ import annotations

from types import SimpleNamespace

import requests

from tests.integration.payments.refunding import (
    PAYMENT,
    post_refund,
    reconcile_until_settled,
    refundable_payment,
    send_refund,
)
from tests.integration.payments.world import (
    ENROLLMENT,
    FEE_PAISE,
    NOTES,
    make_admin,
    make_center,
    open_link,
    run_outbox_row,
)


def test_a_full_refund_is_confirmed_by_the_providers_webhook_and_cancels_the_enrollment(stack):
    center, admin, payment = refundable_payment(stack, "phonepe")

    answer = post_refund(stack, admin, payment, {"amount_paise": None, "reason": "moved to another city"})

    assert answer.status_code == 202
    assert answer.json() == {"payment_id": payment, "status": "refund_pending"}
    assert stack.one(PAYMENT, payment) == "refund_pending"
    payer_sees = requests.get(f"{stack.service_url}/public/payments/{payment}", timeout=10).json()
    assert payer_sees["status"] == "paid"  # until the provider confirms the refund
    send_refund(stack, payment)
    assert stack.wait_until(PAYMENT, payment, expect="refunded".__eq__) == "refunded"
    assert stack.one("select refunded_paise from public.payments where id = %s", payment) == FEE_PAISE
    assert stack.one(ENROLLMENT, payment) == "cancelled"
    notes = stack.one(NOTES, center.lead_id)
    assert "Refund of ₹12,500.00 requested: moved to another city" in notes
    assert "Refunded ₹12,500.00; enrollment cancelled" in notes
    assert stack.one("select active_enrollments from public.batches where id = %s", center.batch_id) == 0


def test_a_partial_refund_is_found_by_reconciliation_and_keeps_the_enrollment(stack):
    center, admin, payment = refundable_payment(stack, "instamojo")  # Instamojo sends no refund webhooks

    partial = {"amount_paise": 250_000, "reason": "early bird"}
    assert post_refund(stack, admin, payment, partial).status_code == 202
    send_refund(stack, payment)
    reconcile_until_settled(stack, payment)

    assert stack.one(PAYMENT, payment) == "paid"
    assert stack.one("select refunded_paise from public.payments where id = %s", payment) == 250_000
    assert stack.one(ENROLLMENT, payment) == "active"
    assert "Refunded ₹2,500.00 of ₹12,500.00; enrollment kept" in stack.one(NOTES, center.lead_id)
    again = post_refund(stack, admin, payment, {"amount_paise": FEE_PAISE, "reason": "all of it"})
    assert again.status_code == 409
    assert "₹10,000.00" in again.json()["error"]["message"]


def test_with_the_setting_off_a_full_refund_keeps_the_enrollment(stack):
    center, admin, payment = refundable_payment(stack, "phonepe")
    stack.one("update public.automation_settings set cancel_enrollment_on_refund = false returning 1")

    assert post_refund(stack, admin, payment, {"reason": "goodwill"}).status_code == 202
    send_refund(stack, payment)

    assert stack.wait_until(PAYMENT, payment, expect="refunded".__eq__) == "refunded"
    assert stack.one(ENROLLMENT, payment) == "active"
    assert "Refunded ₹12,500.00; enrollment kept" in stack.one(NOTES, center.lead_id)


def test_only_a_paid_payment_can_be_refunded_and_only_by_an_admin(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        payment, _ = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)

    refused = post_refund(stack, admin, payment, {"reason": "never paid"})

    assert refused.status_code == 409
    assert "only a paid payment can be refunded" in refused.json()["error"]["message"]
    assert post_refund(stack, admin, payment, {"reason": " "}).status_code == 422
    student = stack.one("select id from public.profiles where email = %s", center.email)
    assert post_refund(stack, str(student), payment, {"reason": "me"}).status_code == 403
    assert stack.one(PAYMENT, payment) == "created"


def test_a_retried_phonepe_refund_finds_the_refund_instead_of_making_it_again(stack):
    _, admin, payment = refundable_payment(stack, "phonepe")
    assert post_refund(stack, admin, payment, {"reason": "double charge"}).status_code == 202
    reference = stack.one("select refund_reference from public.payments where id = %s", payment)
    providers = SimpleNamespace(payments=stack.gateways)
    run_outbox_row(stack.db_url, f"refund:{reference}", providers)  # made, but say its answer was lost

    run_outbox_row(stack.db_url, f"refund:{reference}", providers, None, attempt=2)

    assert stack.wait_until(PAYMENT, payment, expect="refunded".__eq__) == "refunded"
    assert stack.one("select refunded_paise from public.payments where id = %s", payment) == FEE_PAISE


def test_a_full_refund_of_a_payment_paid_short_returns_what_it_received(stack):
    received = FEE_PAISE - 250_000  # the provider's link took ₹10,000.00 of the ₹12,500.00 asked
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        payment, checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url, received)
    stack.pay(checkout, "success")
    stack.wait_until(PAYMENT, payment, expect="paid".__eq__)

    whole = {"amount_paise": None, "reason": "paid short"}
    assert post_refund(stack, admin, payment, whole).status_code == 202
    assert stack.one("select refund_pending_paise from public.payments where id = %s", payment) == received
    send_refund(stack, payment)

    assert stack.wait_until(PAYMENT, payment, expect="refunded".__eq__) == "refunded"
    assert stack.one("select refunded_paise from public.payments where id = %s", payment) == received
    assert "Refund of ₹10,000.00 requested: paid short" in stack.one(NOTES, center.lead_id)
    assert "Refunded ₹10,000.00; no seat was taken with it" in stack.one(NOTES, center.lead_id)
