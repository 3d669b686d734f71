"""The web app (another origin) may call the bearer-token admin endpoints; other origins' cookies are moot."""

from __future__ import annotations

import pytest

from automation import create_app
from tests.support.settings import settings_for_tests

ORIGIN = {"Origin": "http://127.0.0.1:5173"}


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/admin/provider-credentials/sendgrid", "PUT"),
        ("/admin/provider-credentials/sendgrid/api_key", "DELETE"),
        ("/admin/payment-links", "POST"),
        ("/admin/leads/0b7e7a4e-8a0c-4a52-9f5e-1f6a3c0d2b11", "PATCH"),
    ],
)
def test_preflights_allow_the_method_and_the_authorization_header(path, method):
    client = create_app(settings_for_tests(db_pool_min_size=0)).test_client()
    answer = client.options(path, headers={**ORIGIN, "Access-Control-Request-Method": method})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert method in answer.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in answer.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in answer.headers


def test_refusals_are_readable_by_the_page_too():
    client = create_app(settings_for_tests(db_pool_min_size=0)).test_client()
    answer = client.put("/admin/provider-credentials/sendgrid", json={}, headers=ORIGIN)
    assert answer.status_code == 401
    assert answer.headers["Access-Control-Allow-Origin"] == "*"


def test_public_endpoints_keep_their_own_rules():
    client = create_app(settings_for_tests(db_pool_min_size=0)).test_client()
    answer = client.options("/public/leads", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in answer.headers
