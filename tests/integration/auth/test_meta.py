"""GET /settings, /health and /.well-known/jwks.json, unknown paths, and the routes open without a key."""

from __future__ import annotations

import httpx


def test_settings_health_and_keys(stack):
    with stack.client() as client:
        settings, health, jwks = (
            client.get("/settings"),
            client.get("/health"),
            client.get("/.well-known/jwks.json"),
        )
    assert settings.json()["external"]["email"] is True
    assert settings.json()["external"]["phone"] is False
    assert (settings.json()["mailer_autoconfirm"], settings.json()["disable_signup"]) == (True, False)
    assert health.json()["name"] == "GoTrue"
    assert jwks.json() == {"keys": []}
    assert jwks.headers["cache-control"] == "public, max-age=600"


def test_unknown_paths_answer_in_gotrue_shape(stack):
    with stack.client() as client:
        response = client.get("/no/such/route")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_links_and_keys_are_reachable_without_an_apikey(stack):
    verify = httpx.get(f"{stack.url}/auth/v1/verify", params={"type": "signup"})
    keys = httpx.get(f"{stack.url}/auth/v1/.well-known/jwks.json")
    refused = httpx.get(f"{stack.url}/auth/v1/settings")
    assert (verify.status_code, verify.json()["error_code"]) == (400, "validation_failed")
    assert keys.status_code == 200
    assert refused.status_code == 401
