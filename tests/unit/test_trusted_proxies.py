"""Behind TRUSTED_PROXY_HOPS proxies the client address is the one they report, and only then."""

from __future__ import annotations

from flask import request

from automation import create_app
from tests.support.settings import settings_for_tests

FORWARDED = {"X-Forwarded-For": "203.0.113.7, 198.51.100.2"}


def _client_address(hops: int) -> str:
    app = create_app(settings_for_tests(trusted_proxy_hops=hops, db_pool_min_size=0))
    app.add_url_rule("/_address", "address", lambda: request.remote_addr or "")
    return app.test_client().get("/_address", headers=FORWARDED).get_data(as_text=True)


def test_without_trusted_proxies_a_forwarded_address_is_ignored():
    assert _client_address(0) == "127.0.0.1"


def test_each_trusted_hop_is_taken_from_the_right():
    assert _client_address(1) == "198.51.100.2"
    assert _client_address(2) == "203.0.113.7"
