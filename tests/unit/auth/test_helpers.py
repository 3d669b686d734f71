"""Auth's pure helpers: Go durations, the login window, redirect URLs, pagination links, API versions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from starlette.requests import Request

from devstack.gateway.auth.durations import parse_go_duration
from devstack.gateway.auth.errors import AuthApiError
from devstack.gateway.auth.pagination import link_headers
from devstack.gateway.auth.ratelimit import LoginGuard
from devstack.gateway.auth.redirects import code_redirect, error_redirect, session_redirect
from devstack.gateway.auth.responses import api_version
from devstack.gateway.auth.settings import LoginLimits


def request(query: str = "", headers: dict[str, str] | None = None) -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return Request(
        {"type": "http", "method": "GET", "path": "/", "query_string": query.encode(), "headers": raw}
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24h", timedelta(hours=24)),
        ("1h30m", timedelta(minutes=90)),
        ("0.5h", timedelta(minutes=30)),
        ("876000h", timedelta(hours=876000)),
        ("250ms", timedelta(milliseconds=250)),
        ("0", timedelta(0)),
    ],
)
def test_go_durations(text, expected):
    assert parse_go_duration(text) == expected


@pytest.mark.parametrize("text", ["", "1d", "h", "24 h", "1h-5m", "forever"])
def test_durations_go_refuses(text):
    with pytest.raises(ValueError, match="invalid duration"):
        parse_go_duration(text)


def test_failures_lock_an_email_until_they_leave_the_window():
    now = [0.0]
    guard = LoginGuard(LoginLimits(per_email=2, per_ip=10, window_seconds=60), clock=lambda: now[0])
    guard.failed("Asha@example.com", "10.0.0.1")
    guard.failed("asha@example.com", "10.0.0.2")
    with pytest.raises(AuthApiError) as locked:
        guard.check("ASHA@example.com", "10.0.0.3")
    assert (locked.value.status, locked.value.code) == (429, "over_request_rate_limit")
    guard.check("ravi@example.com", "10.0.0.1")
    now[0] = 60.5
    guard.check("asha@example.com", "10.0.0.1")
    assert guard.by_email.events == {}


def test_session_redirects_sort_their_fragment_like_go():
    session = {
        "access_token": "a.b.c",
        "expires_at": 1700,
        "expires_in": 3600,
        "refresh_token": "r1",
        "token_type": "bearer",
    }
    assert session_redirect("http://app.test/cb", session, "magiclink") == (
        "http://app.test/cb#access_token=a.b.c&expires_at=1700&expires_in=3600"
        "&refresh_token=r1&sb=&token_type=bearer&type=magiclink"
    )


def test_pkce_and_error_redirects():
    assert (
        code_redirect("http://app.test/cb?next=%2Fhome", "c0de")
        == "http://app.test/cb?code=c0de&next=%2Fhome"
    )
    error = AuthApiError(403, "otp_expired", "Email link is invalid or has expired")
    fragment = (
        "error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired"
    )
    assert error_redirect("http://app.test/cb?x=1", error, pkce=False) == f"http://app.test/cb?x=1#{fragment}"
    assert (
        error_redirect("http://app.test/cb", error, pkce=True) == f"http://app.test/cb?{fragment}#{fragment}"
    )


def test_pagination_links_put_page_first_and_keep_the_query():
    headers = link_headers(request("per_page=10&filter=ravi&page=2"), "/admin/users", 2, 10, 45)
    assert headers == {
        "Link": '</admin/users?filter=ravi&page=3&per_page=10>; rel="next", '
        '</admin/users?filter=ravi&page=5&per_page=10>; rel="last"',
        "X-Total-Count": "45",
    }


@pytest.mark.parametrize(
    ("sent", "used"),
    [("2024-01-01", "2024-01-01"), ("2025-06-30", "2024-01-01"), ("2023-12-31", None), ("soon", None)],
)
def test_api_versions(sent, used):
    assert api_version(request(headers={"X-Supabase-Api-Version": sent})) == used
