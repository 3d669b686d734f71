"""Payment webhooks are verified with the credentials stored now, even when another process changed them."""

from __future__ import annotations

import base64
import hashlib
import json

import psycopg

from automation import create_app
from devstack.sandbox.payments.credentials import (
    PHONEPE_WEBHOOK_PASSWORD,
    PHONEPE_WEBHOOK_USERNAME,
    payment_environment,
)
from tests.support.settings import settings_for_tests
from tests.support.tokens import user_token
from tests.support.users import add_user

JWT_SECRET = "secret-for-tests"
EVENTS = "select count(*) from public.webhook_events"
ROTATED = ("rotated-webhook-user", "rotated-webhook-password")


def _service(db_url: str):
    """The web app of one process; its provider is unreachable, so events are recorded and deferred."""
    payments = {key.lower(): value for key, value in payment_environment("http://127.0.0.1:9").items()}
    key = base64.b64encode(b"k" * 32).decode()
    settings = settings_for_tests(
        supabase_db_url=db_url, credentials_key=key, credentials_key_id="k1", db_pool_min_size=0, **payments
    )
    return create_app(settings).test_client()


def _completed(client, credentials: tuple[str, str], order: str):
    """PhonePe's checkout.order.completed for `order`, signed with the dashboard's (username, password)."""
    payload = {"orderId": f"OMO{order}", "merchantOrderId": order, "state": "COMPLETED", "amount": 100}
    auth = hashlib.sha256(":".join(credentials).encode()).hexdigest()
    body = json.dumps({"event": "checkout.order.completed", "payload": payload})
    return client.post(
        "/webhooks/phonepe", data=body, headers={"Authorization": auth}, content_type="application/json"
    )


def test_credentials_changed_by_another_process_verify_the_next_webhook(fresh_db_url):
    service, settings_page = _service(fresh_db_url), _service(fresh_db_url)
    original = (PHONEPE_WEBHOOK_USERNAME, PHONEPE_WEBHOOK_PASSWORD)
    assert _completed(service, original, "order-1").status_code == 200  # the process opens its credentials
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        admin = add_user(conn, "admin")
    stored = settings_page.put(
        "/admin/provider-credentials/phonepe",
        json=dict(zip(("webhook_username", "webhook_password"), ROTATED, strict=True)),
        headers={"Authorization": f"Bearer {user_token(JWT_SECRET, admin)}"},
    )
    assert stored.status_code == 204
    with psycopg.connect(fresh_db_url) as conn:
        before = conn.execute(EVENTS).fetchone()[0]

    old = _completed(service, original, "order-2")
    new = _completed(service, ROTATED, "order-3")

    assert old.status_code == 401
    assert new.status_code == 200
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute(EVENTS).fetchone()[0] == before + 1
