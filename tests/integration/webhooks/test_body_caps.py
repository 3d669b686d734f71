"""Webhook bodies over real HTTP are capped before anything reads them, the signature check included: 413 in
the service's error shape, and nothing recorded."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
import requests

from automation import create_app
from automation.config import Settings
from devstack.sandbox.app import provider_environment
from devstack.sandbox.secrets import SecretSource
from tests.support.settings import settings_for_tests
from tests.support.web_stack import serving_flask

CAPS = {
    "webhook_max_body_bytes": 4_096,
    "webhook_inbound_email_max_body_bytes": 1_048_576,
    "webhook_payment_max_body_bytes": 2_048,
}
EVENTS = "select count(*) from public.webhook_events"


@pytest.fixture
def service(fresh_db_url: str) -> Iterator[tuple[str, Settings]]:
    # Providers configured as in development; nothing here calls them.
    env = provider_environment(SecretSource("body-caps"), "http://127.0.0.1:9")
    settings = settings_for_tests(
        supabase_db_url=fresh_db_url, db_pool_min_size=0, **{k.lower(): v for k, v in env.items()}, **CAPS
    )
    with serving_flask(create_app(settings)) as url:
        yield url, settings


def _capped_paths(settings: Settings) -> list[tuple[str, int]]:
    """Each webhook with its cap; Bolna's by its secret path, so only the size can refuse it."""
    return [
        ("/webhooks/aisensy", settings.webhook_max_body_bytes),
        ("/webhooks/sendgrid/events", settings.webhook_max_body_bytes),
        (f"/webhooks/bolna/{settings.bolna_webhook_secret}", settings.webhook_max_body_bytes),
        ("/webhooks/instamojo", settings.webhook_payment_max_body_bytes),
    ]


def test_a_body_over_its_webhooks_cap_is_refused_before_the_signature_check(service, fresh_db_url):
    url, settings = service
    for path, cap in _capped_paths(settings):
        over = requests.post(url + path, data=b"x" * (cap + 1), headers={"X-Request-Id": "big-1"}, timeout=10)
        assert over.status_code == 413, path
        assert over.json() == {"error": {
            "code": "body_too_large", "request_id": "big-1",
            "message": f"The request body is larger than the {cap} bytes this webhook accepts; nothing was "
                       "recorded. Send it in smaller parts.",
        }}  # fmt: skip
    unsigned = requests.post(url + "/webhooks/aisensy", data=b"x" * 4_096, timeout=10)
    assert unsigned.status_code == 401  # at the cap: read, and refused for its signature
    with psycopg.connect(fresh_db_url) as db:
        assert db.execute(EVENTS).fetchone() == (0,)


def test_a_body_without_a_length_is_cut_off_at_the_cap(service):
    url, _ = service
    chunks = (b"x" * 1_024 for _ in range(16))  # sent chunked: the size is known only by reading
    response = requests.post(url + "/webhooks/aisensy", data=chunks, timeout=10)
    assert (response.status_code, response.json()["error"]["code"]) == (413, "body_too_large")


def _multipart(text: str) -> dict[str, tuple[None, str]]:
    """An Inbound Parse post as SendGrid sends it: multipart/form-data, the email's text one field of it."""
    fields = {"from": "Asha <asha@example.com>", "to": "reply@coachbase.test", "subject": "Re: Welcome",
              "headers": "Message-ID: <long-1@example.com>\n", "text": text}  # fmt: skip
    return {name: (None, value) for name, value in fields.items()}


def test_an_inbound_email_may_be_larger_than_an_event_up_to_its_own_cap(service, fresh_db_url):
    url, settings = service
    path = f"{url}/webhooks/sendgrid/inbound/{settings.sendgrid_inbound_secret}"
    # Longer than an event, and than the 500 kB a form field may take by Flask's default.
    long_text = requests.post(path, files=_multipart("a" * 600_000), timeout=10)
    assert long_text.status_code == 200
    over = requests.post(path, files=_multipart("a" * 1_048_576), timeout=10)
    assert (over.status_code, over.json()["error"]["code"]) == (413, "body_too_large")
    with psycopg.connect(fresh_db_url) as db:
        assert db.execute(EVENTS).fetchone() == (1,)
