"""The payment sandbox against providers.md: shapes, auth checks, validation, and what a person sees."""

from __future__ import annotations

import base64
import json
import uuid

import requests

from devstack.sandbox.payments import credentials as creds
from devstack.sandbox.payments.phonepe_v1 import x_verify


def instamojo_token(sandbox) -> str:
    form = {
        "grant_type": "client_credentials",
        "client_id": creds.INSTAMOJO_CLIENT_ID,
        "client_secret": creds.INSTAMOJO_CLIENT_SECRET,
    }
    answer = requests.post(f"{sandbox.url}/instamojo/oauth2/token/", data=form, timeout=5).json()
    assert answer["token_type"] == "Bearer"
    return answer["access_token"]


def create_instamojo_request(sandbox, **body) -> requests.Response:
    headers = {"Authorization": f"Bearer {instamojo_token(sandbox)}"}
    return requests.post(
        f"{sandbox.url}/instamojo/v2/payment_requests/", json=body, headers=headers, timeout=5
    )


def test_instamojo_takes_json_too_and_answers_a_flat_object_with_extra_keys(sandbox):
    created = create_instamojo_request(sandbox, amount=500, purpose="Fee", phone="9812345678", send_sms=True)
    assert created.status_code == 201
    body = created.json()
    assert (body["amount"], body["status"], body["phone"], body["payments"]) == (
        "500.00",
        "Pending",
        "+919812345678",
        [],
    )
    assert {"longurl", "resource_uri", "shorturl", "customer_id"} <= set(body)
    assert "success" not in body


def test_instamojo_validation_errors_name_each_field(sandbox):
    answer = create_instamojo_request(sandbox, amount="200001", send_email="true")
    assert answer.status_code == 400
    assert set(answer.json()) == {"amount", "purpose", "email"}


def test_instamojo_refuses_calls_without_a_valid_token(sandbox):
    url = f"{sandbox.url}/instamojo/v2/payment_requests/"
    assert requests.post(url, data={"amount": 10, "purpose": "x"}, timeout=5).status_code == 401
    bad = {"Authorization": "Bearer nope"}
    assert requests.post(url, data={"amount": 10, "purpose": "x"}, headers=bad, timeout=5).status_code == 401


def test_instamojo_without_a_webhook_field_posts_to_the_sandboxs_webhook_base(sandbox, webhook_receiver):
    body = create_instamojo_request(sandbox, amount=100, purpose="Fee").json()
    page = requests.post(body["longurl"], data={"outcome": "success", "webhook": "deliver"}, timeout=5)
    assert "Credit" in page.text  # no redirect_url: the payer sees the outcome on the sandbox
    [webhook] = webhook_receiver.wait_for_matching(1, lambda r: body["id"].encode() in r.body)
    assert webhook.path == "/webhooks/instamojo"
    assert webhook.header("Content-Type") == "application/x-www-form-urlencoded"


def test_a_paid_checkout_cannot_be_paid_again(sandbox):
    body = create_instamojo_request(sandbox, amount=100, purpose="Fee").json()
    first = requests.post(body["longurl"], data={"outcome": "success"}, allow_redirects=False, timeout=5)
    again = requests.post(body["longurl"], data={"outcome": "success"}, allow_redirects=False, timeout=5)
    assert (first.status_code, again.status_code) == (200, 409)
    assert "no longer be paid" in requests.get(body["longurl"], timeout=5).text


def test_the_checkout_refuses_unknown_choices(sandbox):
    body = create_instamojo_request(sandbox, amount=100, purpose="Fee").json()
    assert requests.post(body["longurl"], data={"outcome": "maybe"}, timeout=5).status_code == 400


def v1_pay(sandbox, payload: dict, salt_key: str = creds.PHONEPE_SALT_KEY) -> requests.Response:
    encoded = base64.b64encode(json.dumps(payload).encode()).decode()
    signature = x_verify(encoded + "/pg/v1/pay") if salt_key == creds.PHONEPE_SALT_KEY else "0" * 64 + "###1"
    return requests.post(
        f"{sandbox.url}/phonepe/pg/v1/pay",
        json={"request": encoded},
        headers={"X-VERIFY": signature},
        timeout=5,
    )


V1_PAYLOAD = {
    "merchantId": creds.PHONEPE_MERCHANT_ID,
    "merchantUserId": "U1",
    "amount": 10000,
    "redirectUrl": "https://merchant.example/return",
    "redirectMode": "POST",
    "callbackUrl": "https://merchant.example/callback",
    "paymentInstrument": {"type": "PAY_PAGE"},
}


def test_phonepe_v1_refuses_a_wrong_x_verify(sandbox):
    answer = v1_pay(sandbox, {**V1_PAYLOAD, "merchantTransactionId": "T" + uuid.uuid4().hex[:20]}, "wrong")
    assert (answer.status_code, answer.json()["code"]) == (401, "AUTHORIZATION_FAILED")


def test_phonepe_v1_validates_the_payload(sandbox):
    answer = v1_pay(sandbox, {**V1_PAYLOAD, "merchantTransactionId": "x" * 35, "amount": 99})
    assert answer.status_code == 400
    assert "merchantTransactionId" in answer.json()["message"]
    assert "amount" in answer.json()["message"]


def test_phonepe_v1_post_redirect_mode_returns_a_self_submitting_form(sandbox):
    answer = v1_pay(sandbox, {**V1_PAYLOAD, "merchantTransactionId": "T" + uuid.uuid4().hex[:20]}).json()
    checkout = answer["data"]["instrumentResponse"]["redirectInfo"]["url"]
    page = requests.post(checkout, data={"outcome": "success"}, allow_redirects=False, timeout=5)
    assert 'action="https://merchant.example/return"' in page.text
    assert 'name="code" value="PAYMENT_SUCCESS"' in page.text


def test_phonepe_v2_pay_needs_an_o_bearer_token_and_valid_fields(sandbox):
    form = {
        "grant_type": "client_credentials",
        "client_id": creds.PHONEPE_CLIENT_ID,
        "client_secret": creds.PHONEPE_CLIENT_SECRET,
        "client_version": "1",
    }
    token = requests.post(f"{sandbox.url}/phonepe/v1/oauth/token", data=form, timeout=5).json()
    assert (token["token_type"], token["expires_in"]) == ("O-Bearer", None)
    url = f"{sandbox.url}/phonepe/checkout/v2/pay"
    assert requests.post(url, json={}, timeout=5).status_code == 401
    headers = {"Authorization": f"O-Bearer {token['access_token']}"}
    bad = {"merchantOrderId": "a b", "amount": 100, "expireAfter": 10, "paymentFlow": {"type": "PG_CHECKOUT"}}
    answer = requests.post(url, json=bad, headers=headers, timeout=5)
    assert answer.status_code == 400
    for field in ("merchantOrderId", "expireAfter", "redirectUrl"):
        assert field in answer.json()["message"]


def test_the_payments_behaviour_api_refuses_unknown_or_bad_knobs(sandbox):
    url = f"{sandbox.url}/_sandbox/api/payments/behaviour"
    assert requests.put(url, json={"colour": "red"}, timeout=5).status_code == 400
    assert requests.put(url, json={"webhook": "lose"}, timeout=5).status_code == 400
    assert requests.put(url, json={"settle_delay_ms": -1}, timeout=5).status_code == 400
    assert requests.put(url, json={"webhook": "duplicate"}, timeout=5).json()["webhook"] == "duplicate"


def test_payments_appear_on_the_inspection_page(sandbox):
    create_instamojo_request(sandbox, amount=100, purpose="Guitar basics", buyer_name="Ravi")
    page = requests.get(sandbox.url + "/", timeout=5).text
    assert "instamojo" in page
    assert "Guitar basics" in page
