"""Browser access to the service: the web app and the landing form from configured origins only."""

from __future__ import annotations

import pytest

from automation import create_app
from tests.support.settings import settings_for_tests

APP = "https://app.example"


@pytest.fixture
def client():
    return create_app(settings_for_tests(cors_allowed_origins=(APP,), db_pool_min_size=0)).test_client()


def _preflight(client, path: str, origin: str, method: str, headers: str = "content-type"):
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": headers,
        },
    )


def test_the_web_app_may_call_admin_endpoints_with_its_token(client):
    response = _preflight(client, "/admin/leads/00000000-0000-0000-0000-000000000001", APP, "PATCH",
                          "authorization,content-type")  # fmt: skip
    assert response.headers["Access-Control-Allow-Origin"] == APP
    assert "PATCH" in response.headers["Access-Control-Allow-Methods"]
    assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()


def test_an_unknown_origin_gets_no_cors_grant_anywhere(client):
    for path, method in [("/admin/outbox/x/retry", "POST"), ("/public/leads", "POST")]:
        response = _preflight(client, path, "https://evil.example", method)
        assert "Access-Control-Allow-Origin" not in response.headers


def test_an_admin_call_is_still_refused_without_a_token_whatever_the_origin(client):
    response = client.patch("/admin/leads/00000000-0000-0000-0000-000000000001", json={},
                            headers={"Origin": APP})  # fmt: skip
    assert response.status_code == 401
    assert response.headers["Access-Control-Allow-Origin"] == APP  # so the app can read the error


def test_the_payment_status_page_may_poll_from_any_origin(client):
    response = _preflight(client, "/public/payments/00000000-0000-0000-0000-000000000001",
                          "https://elsewhere.example", "GET")  # fmt: skip
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "https://elsewhere.example")


def test_webhooks_and_internal_ticks_answer_no_browser(client):
    for path in ["/webhooks/instamojo", "/internal/ticks/sequences"]:
        assert "Access-Control-Allow-Origin" not in _preflight(client, path, APP, "POST").headers


def test_a_request_without_an_origin_gets_no_cors_headers(client):
    path = "/admin/leads/00000000-0000-0000-0000-000000000001"  # refused (401) before the database
    server = client.patch(path, json={})
    browser = client.patch(path, json={}, headers={"Origin": APP})
    cors_headers = [name for name, _ in server.headers.items() if name.startswith("Access-Control")]
    assert (cors_headers, server.headers.get("Vary")) == ([], None)
    assert browser.headers["Access-Control-Allow-Origin"] == APP
