"""One contract for every payment gateway, run against the sandbox over real HTTP."""

from __future__ import annotations

import base64
import json
import time
import uuid
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode

import pytest

from automation.providers.errors import ProviderAPIError
from automation.providers.payments import (
    Payer,
    PaymentGateway,
    PaymentLinkRequest,
    PaymentState,
    PaymentStatus,
    RefundRequest,
    RefundStatus,
    WebhookVerificationError,
)
from tests.contract.conftest import About, Sandbox, about_ref
from tests.support.servers import Received, WebhookReceiver

AMOUNT = 1_250_00  # ₹1,250.00


def link_request(webhook_base: str, amount: int = AMOUNT, provider: str = "instamojo") -> PaymentLinkRequest:
    return PaymentLinkRequest(
        reference="pay_" + uuid.uuid4().hex[:20],
        amount_paise=amount,
        purpose="Spoken English, May batch",
        payer=Payer("Asha Verma", "asha@example.com", "+919812345678"),
        redirect_url="https://coachbase.example/pay/return?link=42",
        webhook_url=f"{webhook_base}/webhooks/{provider}",
    )


def paid_link(gateway: PaymentGateway, sandbox: Sandbox, receiver: WebhookReceiver, webhook: str = "deliver"):
    link = gateway.create_link(link_request(receiver.url, provider=gateway.provider))
    redirect = sandbox.pay(link.url, "success", webhook)
    assert redirect.status_code == 302
    return link, redirect


def wait_for_status(gateway: PaymentGateway, ref: str, wanted: PaymentStatus) -> PaymentState:
    deadline = time.monotonic() + 15
    while (state := gateway.fetch_status(ref)).status is not wanted and time.monotonic() < deadline:
        time.sleep(0.1)
    return state


def test_a_new_link_is_not_paid(gateway, sandbox, webhook_receiver):
    link = gateway.create_link(link_request(webhook_receiver.url))
    assert link.url.startswith(sandbox.url)
    state = gateway.fetch_status(link.provider_ref)
    assert state.status == PaymentStatus.CREATED  # nobody opened it: not "under way" (decision 0682)
    assert state.amount_paise == AMOUNT


def test_paying_redirects_the_payer_and_a_verified_webhook_confirms_it(
    gateway, about: About, sandbox, webhook_receiver
):
    link, redirect = paid_link(gateway, sandbox, webhook_receiver)
    assert redirect.headers["location"].startswith("https://coachbase.example/pay/return?link=42")
    state = gateway.fetch_status(link.provider_ref)
    assert (state.status, state.amount_paise) == (PaymentStatus.PAID, AMOUNT)
    assert state.provider_payment_id
    [webhook] = webhook_receiver.wait_for_matching(1, about_ref(gateway, link.provider_ref))
    assert webhook.path == f"/webhooks/{gateway.provider}"
    event = gateway.parse_webhook(webhook.headers, webhook.body)
    assert (event.status, event.amount_paise, event.provider) == (
        PaymentStatus.PAID,
        AMOUNT,
        gateway.provider,
    )
    assert event.provider_payment_id == state.provider_payment_id


def forged(webhook: Received, about: About) -> Received:
    """The same webhook with its signature replaced by a wrong one."""
    if about.signature_header is None:
        fields = dict(parse_qsl(webhook.body.decode()))
        body = "&".join(f"{k}={'0' * 40 if k == 'mac' else v}" for k, v in fields.items())
        return replace(webhook, body=body.encode())
    headers = {k: v for k, v in webhook.headers.items() if k.lower() != about.signature_header.lower()}
    return replace(webhook, headers={**headers, about.signature_header: "0" * 64 + "###1"})


def test_forged_and_unsigned_webhooks_are_rejected(gateway, about: About, sandbox, webhook_receiver):
    link, _ = paid_link(gateway, sandbox, webhook_receiver)
    [webhook] = webhook_receiver.wait_for_matching(1, about_ref(gateway, link.provider_ref))
    bad = forged(webhook, about)
    with pytest.raises(WebhookVerificationError):
        gateway.parse_webhook(bad.headers, bad.body)
    unsigned = {k: v for k, v in webhook.headers.items() if k.lower() not in ("authorization", "x-verify")}
    body = webhook.body.replace(b"&mac=", b"&nomac=") if about.signature_header is None else webhook.body
    with pytest.raises(WebhookVerificationError):
        gateway.parse_webhook(unsigned, body)


def with_amount_raised(webhook: Received, about: About) -> bytes:
    """The webhook's body with the amount changed and the signature left as it was."""
    if about.signature_header is None:
        return urlencode({**dict(parse_qsl(webhook.body.decode())), "amount": "9250.00"}).encode()
    message = json.loads(webhook.body)
    if about.signature_header == "Authorization":
        message["payload"]["amount"] = 925000
        return json.dumps(message).encode()
    answer = json.loads(base64.b64decode(message["response"]))
    answer["data"]["amount"] = 925000
    return json.dumps({"response": base64.b64encode(json.dumps(answer).encode()).decode()}).encode()


def test_a_changed_body_breaks_a_body_signature(gateway, about: About, sandbox, webhook_receiver):
    link, _ = paid_link(gateway, sandbox, webhook_receiver)
    [webhook] = webhook_receiver.wait_for_matching(1, about_ref(gateway, link.provider_ref))
    tampered = with_amount_raised(webhook, about)
    if about.signature_header == "Authorization":
        # PhonePe v2's header is a fixed hash of the webhook credentials and does not cover the body:
        # that is why every event must be confirmed with the status API before anything is done.
        assert gateway.parse_webhook(webhook.headers, tampered).amount_paise == 925000
        return
    with pytest.raises(WebhookVerificationError):
        gateway.parse_webhook(webhook.headers, tampered)


def test_a_failed_payment_is_reported_as_failed(gateway, about: About, sandbox, webhook_receiver):
    link = gateway.create_link(link_request(webhook_receiver.url))
    redirect = sandbox.pay(link.url, "failure")
    assert "payment_status=Credit" not in redirect.headers.get("location", "")
    state = gateway.fetch_status(link.provider_ref)
    assert state.status is PaymentStatus.FAILED
    assert state.failure_reason
    if about.sends_failure_webhooks:
        [webhook] = webhook_receiver.wait_for_matching(1, about_ref(gateway, link.provider_ref))
        assert gateway.parse_webhook(webhook.headers, webhook.body).status is PaymentStatus.FAILED


def test_pending_then_success_is_pending_first_and_paid_later(gateway, sandbox, webhook_receiver):
    sandbox.payments_behave(settle_delay_ms=2000)
    link = gateway.create_link(link_request(webhook_receiver.url))
    sandbox.pay(link.url, "pending_then_success")
    assert gateway.fetch_status(link.provider_ref).status is PaymentStatus.PENDING
    [webhook] = webhook_receiver.wait_for_matching(1, about_ref(gateway, link.provider_ref))
    assert gateway.parse_webhook(webhook.headers, webhook.body).status is PaymentStatus.PAID
    assert wait_for_status(gateway, link.provider_ref, PaymentStatus.PAID).status is PaymentStatus.PAID


def test_a_dropped_webhook_leaves_the_status_api_as_the_truth(gateway, sandbox, webhook_receiver):
    link, _ = paid_link(gateway, sandbox, webhook_receiver, webhook="drop")
    sandbox.wait_for_record(gateway.provider, "webhook", lambda r: r["details"]["fate"] == "drop")
    assert webhook_receiver.matching(about_ref(gateway, link.provider_ref)) == []
    assert gateway.fetch_status(link.provider_ref).status is PaymentStatus.PAID


def test_a_duplicated_webhook_carries_the_same_event_id(gateway, sandbox, webhook_receiver):
    link, _ = paid_link(gateway, sandbox, webhook_receiver, webhook="duplicate")
    first, second = webhook_receiver.wait_for_matching(2, about_ref(gateway, link.provider_ref))
    events = [gateway.parse_webhook(w.headers, w.body) for w in (first, second)]
    assert events[0].event_id == events[1].event_id
    assert {e.status for e in events} == {PaymentStatus.PAID}


def test_a_late_webhook_arrives_after_the_redirect(gateway, sandbox, webhook_receiver):
    sandbox.payments_behave(late_webhook_ms=2000)
    link, _ = paid_link(gateway, sandbox, webhook_receiver, webhook="delay")
    assert webhook_receiver.matching(about_ref(gateway, link.provider_ref)) == []
    assert gateway.fetch_status(link.provider_ref).status is PaymentStatus.PAID
    [webhook] = webhook_receiver.wait_for_matching(1, about_ref(gateway, link.provider_ref))
    assert gateway.parse_webhook(webhook.headers, webhook.body).status is PaymentStatus.PAID


def test_the_behaviour_api_can_drop_every_webhook(gateway, sandbox, webhook_receiver):
    sandbox.payments_behave(webhook="drop")
    link = gateway.create_link(link_request(webhook_receiver.url))
    sandbox.pay(link.url, "success", webhook="")
    sandbox.wait_for_record(gateway.provider, "webhook", lambda r: r["details"]["fate"] == "drop")
    assert webhook_receiver.matching(about_ref(gateway, link.provider_ref)) == []


def refund_request(
    link_ref: str, state: PaymentState, receiver: WebhookReceiver, amount: int
) -> RefundRequest:
    return RefundRequest(
        reference="rfd_" + uuid.uuid4().hex[:20],
        provider_ref=link_ref,
        provider_payment_id=str(state.provider_payment_id),
        amount_paise=amount,
        reason="Batch cancelled",
        webhook_url=receiver.url + "/webhooks/payments",
    )


def test_a_refund_completes(gateway, about: About, sandbox, webhook_receiver):
    sandbox.payments_behave(settle_delay_ms=300)
    link, _ = paid_link(gateway, sandbox, webhook_receiver)
    request = refund_request(
        link.provider_ref, gateway.fetch_status(link.provider_ref), webhook_receiver, 50000
    )
    started = gateway.refund(request)
    assert (started.status, started.amount_paise) == (RefundStatus.PENDING, 50000)
    deadline = time.monotonic() + 15
    while (done := gateway.refund_status(started.refund_ref)).status is RefundStatus.PENDING:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert (done.status, done.amount_paise) == (RefundStatus.COMPLETED, 50000)
    if about.sends_refund_webhooks:
        [webhook] = webhook_receiver.wait_for_matching(1, about_ref(gateway, request.reference))
        event = gateway.parse_webhook(webhook.headers, webhook.body)
        assert event.amount_paise == 50000


def test_a_refund_is_found_by_our_reference_and_none_is_found_before_it_is_made(
    gateway, sandbox, webhook_receiver
):
    link, _ = paid_link(gateway, sandbox, webhook_receiver)
    request = refund_request(
        link.provider_ref, gateway.fetch_status(link.provider_ref), webhook_receiver, 50000
    )
    assert gateway.find_refund(request.reference, request.provider_payment_id) is None
    started = gateway.refund(request)
    found = gateway.find_refund(request.reference, request.provider_payment_id)
    assert found is not None
    assert (found.refund_ref, found.amount_paise) == (started.refund_ref, 50000)


def test_refunding_more_than_was_paid_is_refused(gateway, sandbox, webhook_receiver):
    link, _ = paid_link(gateway, sandbox, webhook_receiver)
    state = gateway.fetch_status(link.provider_ref)
    with pytest.raises(ProviderAPIError) as refused:
        gateway.refund(refund_request(link.provider_ref, state, webhook_receiver, AMOUNT + 100))
    assert refused.value.status == 400
    assert not refused.value.retryable


def test_an_amount_below_the_providers_minimum_is_a_permanent_error(gateway, sandbox, webhook_receiver):
    with pytest.raises(ProviderAPIError) as refused:
        gateway.create_link(link_request(webhook_receiver.url, amount=50))
    assert refused.value.status == 400
    assert not refused.value.retryable


def test_rate_limiting_is_a_retryable_error_with_its_wait(gateway, sandbox, webhook_receiver):
    sandbox.behave(rate_limit_rate=1.0, retry_after_seconds=7)
    with pytest.raises(ProviderAPIError) as limited:
        gateway.create_link(link_request(webhook_receiver.url))
    assert (limited.value.status, limited.value.retryable, limited.value.retry_after) == (429, True, 7.0)


def test_a_server_error_is_retryable(gateway, sandbox, webhook_receiver):
    link = gateway.create_link(link_request(webhook_receiver.url))
    sandbox.behave(failure_rate=1.0)
    with pytest.raises(ProviderAPIError) as failed:
        gateway.fetch_status(link.provider_ref)
    assert failed.value.status == 500
    assert failed.value.retryable


def test_an_unknown_payment_is_not_found(gateway, sandbox):
    with pytest.raises(ProviderAPIError) as missing:
        gateway.fetch_status("nosuchref123")
    assert missing.value.status == 404
