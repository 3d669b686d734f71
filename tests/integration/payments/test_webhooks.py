"""Webhooks: forged ones are refused and leave no trace; replays act once; a lost one is reconciled."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor

import requests

from automation.providers.instamojo_webhook import instamojo_mac
from devstack.sandbox.payments.credentials import (
    INSTAMOJO_PRIVATE_SALT,
    PHONEPE_WEBHOOK_PASSWORD,
    PHONEPE_WEBHOOK_USERNAME,
)
from tests.integration.payments.world import make_center, open_link

PAYMENT_STATUS = "select status::text from public.payments where id = %s"
# A new payment's first check is 25 s after it is made (PhonePe's schedule): these tests do not wait for it.
DUE_NOW = "update public.payments set next_status_check_at = now() where id = any(%s::uuid[]) returning 1"
TRACES = """
select (select count(*) from public.webhook_events) + (select count(*) from public.enrollments)
     + (select count(*) from public.outbox) + (select count(*) from public.crm_messages)
"""


def _instamojo_webhook(stack, payment: str) -> dict[str, str]:
    """What Instamojo posts for the payment, signed with the account's private salt."""
    order = stack.one("select provider_order_id from public.payments where id = %s", payment)
    state = stack.gateways["instamojo"].fetch_status(order)
    fields = {
        "amount": "12500.00", "buyer": "asha@example.com", "buyer_name": "Asha Rao",
        "buyer_phone": "+919811111111", "currency": "INR", "fees": "250.00", "longurl": "",
        "payment_id": str(state.provider_payment_id), "payment_request_id": order,
        "purpose": "Young Founders", "shorturl": "", "status": "Credit",
    }  # fmt: skip
    return {**fields, "mac": instamojo_mac(fields, INSTAMOJO_PRIVATE_SALT)}


def _phonepe_event(stack, payment: str, event: str, state: str) -> tuple[str, str]:
    """PhonePe's webhook `event` about the payment's order in `state`: (body, Authorization)."""
    order = stack.one("select provider_order_id from public.payments where id = %s", payment)
    payload = {"orderId": stack.gateways["phonepe"].fetch_status(order).raw["orderId"],
               "merchantOrderId": order, "state": state, "amount": 1_250_000}  # fmt: skip
    auth = hashlib.sha256(f"{PHONEPE_WEBHOOK_USERNAME}:{PHONEPE_WEBHOOK_PASSWORD}".encode()).hexdigest()
    return json.dumps({"event": event, "payload": payload}), auth


def test_a_forged_instamojo_mac_is_refused_and_writes_nothing(stack):
    with stack.connect() as conn:
        payment, checkout = open_link(conn, stack.gateways["instamojo"], make_center(conn), stack.service_url)
    stack.pay(checkout, "success", webhook="drop")
    before = stack.one(TRACES)
    forged = {**_instamojo_webhook(stack, payment), "mac": "0" * 40}

    answer = requests.post(f"{stack.service_url}/webhooks/instamojo", data=forged, timeout=10)

    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "invalid_signature"
    assert stack.one(TRACES) == before
    assert stack.one(PAYMENT_STATUS, payment) == "created"


def test_a_forged_phonepe_authorization_is_refused_and_writes_nothing(stack):
    with stack.connect() as conn:
        payment, _ = open_link(conn, stack.gateways["phonepe"], make_center(conn), stack.service_url)
    order = stack.one("select provider_order_id from public.payments where id = %s", payment)
    before = stack.one(TRACES)
    body = {"event": "checkout.order.completed", "payload": {"merchantOrderId": order, "state": "COMPLETED"}}

    answer = requests.post(
        f"{stack.service_url}/webhooks/phonepe",
        data=json.dumps(body),
        headers={"Authorization": "0" * 64, "Content-Type": "application/json"},
        timeout=10,
    )

    assert answer.status_code == 401
    assert stack.one(TRACES) == before
    assert stack.one(PAYMENT_STATUS, payment) == "created"


def test_a_hundred_concurrent_replays_make_one_payment_one_enrollment_one_welcome(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        payment, checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
    stack.pay(checkout, "success", webhook="drop")
    webhook = _instamojo_webhook(stack, payment)

    def send(_: int) -> tuple[int, str, str]:
        answer = requests.post(f"{stack.service_url}/webhooks/instamojo", data=webhook, timeout=60)
        return answer.status_code, answer.headers["Content-Type"], answer.json()["status"]

    with ThreadPoolExecutor(max_workers=100) as pool:
        answers = list(pool.map(send, range(100)))

    assert {(status, kind) for status, kind, _ in answers} == {(200, "application/json")}
    outcomes = [outcome for _, _, outcome in answers]
    assert outcomes.count("applied") == 1
    assert set(outcomes) - {"applied"} <= {"duplicate", "in_progress"}
    assert stack.one(PAYMENT_STATUS, payment) == "paid"
    assert stack.one("select count(*) from public.webhook_events where provider = 'instamojo'") == 1
    assert stack.one("select count(*) from public.enrollments where payment_id = %s", payment) == 1
    assert (
        stack.one("select count(*) from public.outbox where idempotency_key like 'student_welcome:%%'") == 2
    )
    assert stack.one("select count(*) from public.outbox where idempotency_key like 'send_receipt:%%'") == 1
    assert stack.one("select active_enrollments from public.batches where id = %s", center.batch_id) == 1
    notes = "select count(*) from public.crm_messages where channel = 'note' and body like 'Paid %%'"
    assert stack.one(notes) == 1


def test_a_lost_webhook_is_completed_by_the_reconciliation_tick(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        first, checkout_1 = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        second, checkout_2 = open_link(
            conn, stack.gateways["instamojo"], make_center(conn), stack.service_url
        )
    stack.pay(checkout_1, "success", webhook="drop")
    stack.pay(checkout_2, "success", webhook="drop")
    assert stack.one(PAYMENT_STATUS, first) == "created"
    stack.one(DUE_NOW, [first, second])

    answer = stack.reconcile()

    assert answer.status_code == 200
    assert answer.json()["moved"] == 2
    assert stack.one(PAYMENT_STATUS, first) == stack.one(PAYMENT_STATUS, second) == "paid"
    assert stack.one("select status::text from public.enrollments where payment_id = %s", first) == "active"
    assert stack.one("select status::text from public.leads where id = %s", center.lead_id) == "enrolled"
    assert stack.one("select next_status_check_at from public.payments where id = %s", first) is None
    assert stack.reconcile().json() == {"checked": 0, "moved": 0, "failed": 0}


def test_a_success_after_a_failed_attempt_on_the_same_instamojo_link_is_found(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        payment, checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
    stack.pay(checkout, "failure")  # Instamojo notifies successes only: reconciliation finds the failure
    stack.one(DUE_NOW, [payment])
    assert stack.reconcile().json()["moved"] == 1
    assert stack.one(PAYMENT_STATUS, payment) == "failed"
    notes = "select string_agg(body, ' | ') from public.crm_messages where channel = 'note'"
    assert "try again on the same link" in stack.one(notes)

    check = "select next_status_check_at is not null from public.payments where id = %s"
    assert stack.one(check, payment)  # still on the schedule: the link takes another attempt

    stack.pay(checkout, "success", webhook="drop")  # the payer tries again; the webhook is lost
    stack.one("update public.payments set next_status_check_at = now() where id = %s returning id", payment)

    assert stack.reconcile().json()["moved"] == 1
    assert stack.one(PAYMENT_STATUS, payment) == "paid"
    assert stack.one("select status::text from public.enrollments where payment_id = %s", payment) == "active"


def test_a_pending_payment_is_rescheduled_on_its_provider_schedule(stack):
    with stack.connect() as conn:
        payment, _ = open_link(conn, stack.gateways["phonepe"], make_center(conn), stack.service_url)
    stack.one(DUE_NOW, [payment])

    assert stack.reconcile().json() == {"checked": 1, "moved": 0, "failed": 0}

    assert stack.one(PAYMENT_STATUS, payment) == "created"
    due = "select next_status_check_at > now() from public.payments where id = %s"
    assert stack.one(due, payment) is True
    assert stack.reconcile().json()["checked"] == 0


def test_the_tick_endpoint_wants_the_internal_secret(stack):
    answer = stack.reconcile(secret="wrong")
    assert answer.status_code == 401
    assert "X-Internal-Secret" in answer.json()["error"]["message"]


def test_a_late_event_about_a_settled_payment_is_answered_without_asking_the_provider(stack):
    with stack.connect() as conn:
        payment, checkout = open_link(conn, stack.gateways["phonepe"], make_center(conn), stack.service_url)
    stack.pay(checkout, "success")
    stack.wait_until(PAYMENT_STATUS, payment, expect="paid".__eq__)
    body, auth = _phonepe_event(stack, payment, "checkout.order.failed", "FAILED")
    failed = json.loads(body)["payload"]
    behaviour = f"{stack.sandbox_url}/_sandbox/api/behaviour"
    requests.put(behaviour, json={"failure_rate": 1.0}, timeout=5).raise_for_status()  # the provider is down

    answer = requests.post(
        f"{stack.service_url}/webhooks/phonepe", data=body, timeout=10,
        headers={"Authorization": auth, "Content-Type": "application/json"},
    )  # fmt: skip

    assert answer.json() == {"status": "unchanged"}
    assert stack.one(PAYMENT_STATUS, payment) == "paid"
    processed = "select processed_at is not null from public.webhook_events where event_id = %s"
    assert stack.one(processed, f"checkout.order.failed:{failed['orderId']}") is True


def _paid_with_its_webhook_lost(stack) -> tuple[str, str, dict[str, str]]:
    """A PhonePe payment paid at the sandbox whose webhook was dropped: (payment, webhook body, headers)."""
    with stack.connect() as conn:
        payment, checkout = open_link(conn, stack.gateways["phonepe"], make_center(conn), stack.service_url)
    stack.pay(checkout, "success", webhook="drop")
    body, auth = _phonepe_event(stack, payment, "checkout.order.completed", "COMPLETED")
    return payment, body, {"Authorization": auth, "Content-Type": "application/json"}


def _provider_fails(stack, rate: float) -> None:
    behaviour = f"{stack.sandbox_url}/_sandbox/api/behaviour"
    requests.put(behaviour, json={"failure_rate": rate}, timeout=5).raise_for_status()


def test_a_copy_of_an_event_being_acted_on_is_answered_without_asking_the_provider(stack):
    payment, body, headers = _paid_with_its_webhook_lost(stack)
    # The first copy is stored and its request is still asking the provider (which is down meanwhile).
    with stack.connect() as conn:
        event = json.loads(body)["payload"]
        conn.execute(
            "insert into public.webhook_events (provider, event_id, event_type, signature_verified, raw_body)"
            " values ('phonepe', %s, 'paid', true, %s)",
            (f"checkout.order.completed:{event['orderId']}", body),
        )
    _provider_fails(stack, 1.0)

    copy = requests.post(f"{stack.service_url}/webhooks/phonepe", data=body, headers=headers, timeout=10)

    assert copy.json() == {"status": "in_progress"}
    assert stack.one(PAYMENT_STATUS, payment) == "created"
    assert stack.one("select attempts from public.webhook_events where provider = 'phonepe'") == 0


def test_a_copy_of_an_event_that_failed_before_is_acted_on(stack):
    payment, body, headers = _paid_with_its_webhook_lost(stack)
    _provider_fails(stack, 1.0)
    first = requests.post(f"{stack.service_url}/webhooks/phonepe", data=body, headers=headers, timeout=30)
    _provider_fails(stack, 0.0)

    again = requests.post(f"{stack.service_url}/webhooks/phonepe", data=body, headers=headers, timeout=10)

    assert first.json() == {"status": "deferred"}
    assert again.json() == {"status": "applied"}
    assert stack.one(PAYMENT_STATUS, payment) == "paid"
