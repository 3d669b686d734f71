"""Flows completed through the emails Auth sends: confirmation, links, codes, recovery, invites."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import psycopg
import pytest

from devstack.gateway.auth.mailer import MailerSettings
from devstack.postgres import Cluster
from tests.integration.auth.conftest import PASSWORD, new_email, sign_in
from tests.support.auth_stack import AuthStack, auth_stack

SITE = "http://127.0.0.1:5173"


@pytest.fixture(scope="module")
def confirming(cluster: Cluster, template_db: str) -> Iterator[AuthStack]:
    """Sign-ups must be confirmed by email (GOTRUE_MAILER_AUTOCONFIRM=false)."""
    with auth_stack(cluster, template_db, autoconfirm=False) as running:
        yield running


def follow(link: str) -> httpx.Response:
    """A click on an emailed link: the 303 itself, not where it leads."""
    return httpx.get(link, follow_redirects=False)


def fragment(location: str) -> dict[str, str]:
    return {
        key: values[0]
        for key, values in parse_qs(urlsplit(location).fragment, keep_blank_values=True).items()
    }


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return verifier, challenge


def post(stack: AuthStack, path: str, body: dict, **params: str) -> httpx.Response:
    with stack.client() as client:
        return client.post(path, json=body, params=params or None)


def test_a_confirmation_email_completes_the_sign_up(confirming):
    email = new_email()
    signed_up = post(
        confirming, "/signup", {"email": email, "password": PASSWORD}, redirect_to=f"{SITE}/welcome"
    )
    assert "access_token" not in signed_up.json()
    assert signed_up.json()["confirmation_sent_at"]
    refused = post(confirming, "/token", {"email": email, "password": PASSWORD}, grant_type="password")
    assert (refused.status_code, refused.json()["code"]) == (400, "email_not_confirmed")
    mail = confirming.inbox.last_to(email)
    assert mail["subject"] == "Confirm your email address"
    link = confirming.inbox.link_to(email)
    assert link.startswith(f"{confirming.url}/auth/v1/verify?token=")
    assert link.endswith(f"&type=signup&redirect_to={SITE}/welcome")
    clicked = follow(link)
    assert clicked.status_code == 303
    location = clicked.headers["location"]
    assert location.startswith(f"{SITE}/welcome#access_token=")
    session = fragment(location)
    assert (session["token_type"], session["type"], session["expires_in"], session["sb"]) == (
        "bearer",
        "signup",
        "3600",
        "",
    )
    assert sign_in(confirming, email)["user"]["email_confirmed_at"]
    again = fragment(follow(link).headers["location"])
    assert again == {
        "error": "access_denied",
        "error_code": "otp_expired",
        "error_description": "Email link is invalid or has expired",
    }


def test_a_pkce_sign_up_link_redirects_with_a_code(confirming):
    email, (verifier, challenge) = new_email(), pkce_pair()
    body = {
        "email": email,
        "password": PASSWORD,
        "code_challenge": challenge,
        "code_challenge_method": "s256",
    }
    post(confirming, "/signup", body)
    link = confirming.inbox.link_to(email)
    assert "token=pkce_" in link
    location = follow(link).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    wrong = post(confirming, "/token", {"auth_code": code, "code_verifier": "x" * 43}, grant_type="pkce")
    assert (wrong.status_code, wrong.json()["code"]) == (400, "bad_code_verifier")
    exchanged = post(confirming, "/token", {"auth_code": code, "code_verifier": verifier}, grant_type="pkce")
    assert exchanged.status_code == 200
    assert exchanged.json()["user"]["email"] == email
    reused = post(confirming, "/token", {"auth_code": code, "code_verifier": verifier}, grant_type="pkce")
    assert (reused.status_code, reused.json()["code"]) == (404, "flow_state_not_found")


def test_the_emailed_code_confirms_too(confirming):
    email = new_email()
    post(confirming, "/signup", {"email": email, "password": PASSWORD})
    code = confirming.inbox.code_to(email)
    wrong = post(confirming, "/verify", {"type": "signup", "email": email, "token": "000000"})
    assert (wrong.status_code, wrong.json()["code"]) == (403, "otp_expired")
    verified = post(confirming, "/verify", {"type": "signup", "email": email, "token": code})
    assert verified.status_code == 200
    assert verified.json()["user"]["user_metadata"]["email_verified"] is True


def test_a_repeated_sign_up_gets_a_look_alike_user_when_confirmations_are_on(confirming):
    email = new_email()
    post(confirming, "/signup", {"email": email, "password": PASSWORD})
    post(confirming, "/verify", {"type": "signup", "email": email, "token": confirming.inbox.code_to(email)})
    first_id = sign_in(confirming, email)["user"]["id"]
    repeated = post(confirming, "/signup", {"email": email, "password": PASSWORD})
    assert repeated.status_code == 200
    assert repeated.json()["id"] != first_id
    assert repeated.json()["identities"] == []


def test_password_recovery_by_code(confirming):
    email = new_email()
    post(confirming, "/signup", {"email": email, "password": PASSWORD})
    post(confirming, "/verify", {"type": "signup", "email": email, "token": confirming.inbox.code_to(email)})
    assert post(confirming, "/recover", {"email": email}).json() == {}
    assert post(confirming, "/recover", {"email": new_email()}).json() == {}
    assert confirming.inbox.last_to(email)["subject"] == "Reset your password"
    recovered = post(
        confirming, "/verify", {"type": "recovery", "email": email, "token": confirming.inbox.code_to(email)}
    )
    with confirming.client(token=recovered.json()["access_token"]) as client:
        assert client.put("/user", json={"password": "recovered at last"}).status_code == 200
    assert sign_in(confirming, email, "recovered at last")["user"]["email"] == email


def test_an_otp_signs_up_a_new_address_and_then_signs_it_in(confirming):
    email = new_email()
    assert post(confirming, "/otp", {"email": email, "data": {"source": "landing"}}).json() == {}
    assert confirming.inbox.last_to(email)["subject"] == "Confirm your email address"
    first = post(
        confirming, "/verify", {"type": "email", "email": email, "token": confirming.inbox.code_to(email)}
    )
    assert first.json()["user"]["user_metadata"]["source"] == "landing"
    post(confirming, "/otp", {"email": email})
    assert confirming.inbox.last_to(email)["subject"] == "Your sign-in link"
    token = parse_qs(urlsplit(confirming.inbox.link_to(email)).query)["token"][0]
    second = post(confirming, "/verify", {"type": "magiclink", "token_hash": token})
    assert second.status_code == 200
    assert second.json()["user"]["id"] == first.json()["user"]["id"]
    refused = post(confirming, "/otp", {"email": new_email(), "create_user": False})
    assert (refused.status_code, refused.json()["code"]) == (422, "otp_disabled")


def test_an_invitation_link_signs_the_invitee_in(confirming):
    email = new_email()
    with confirming.admin() as admin:
        invited = admin.post(
            "/invite", json={"email": email, "data": {"batch": "B7"}}, params={"redirect_to": SITE}
        )
    assert invited.json()["invited_at"]
    assert confirming.inbox.last_to(email)["subject"] == "You have been invited"
    session = fragment(follow(confirming.inbox.link_to(email)).headers["location"])
    assert session["type"] == "invite"
    with confirming.client(token=session["access_token"]) as client:
        me = client.get("/user").json()
    assert me["email_confirmed_at"]
    assert me["user_metadata"] == {"batch": "B7", "email_verified": True}


def test_resend_sends_a_new_confirmation(confirming):
    email = new_email()
    post(confirming, "/signup", {"email": email, "password": PASSWORD})
    first_code = confirming.inbox.code_to(email)
    assert post(confirming, "/resend", {"type": "signup", "email": email}).json() == {}
    assert len(confirming.inbox.to(email)) == 2
    stale = post(confirming, "/verify", {"type": "signup", "email": email, "token": first_code})
    assert stale.status_code == 403
    fresh = post(
        confirming, "/verify", {"type": "signup", "email": email, "token": confirming.inbox.code_to(email)}
    )
    assert fresh.status_code == 200


def test_a_secure_email_change_needs_both_addresses(confirming):
    old, new = new_email(), new_email()
    post(confirming, "/signup", {"email": old, "password": PASSWORD})
    session = post(
        confirming, "/verify", {"type": "signup", "email": old, "token": confirming.inbox.code_to(old)}
    )
    with confirming.client(token=session.json()["access_token"]) as client:
        asked = client.put("/user", json={"email": new})
    assert asked.json()["new_email"] == new
    half = post(
        confirming, "/verify", {"type": "email_change", "email": old, "token": confirming.inbox.code_to(old)}
    )
    assert half.json() == {
        "msg": "Confirmation link accepted. Please proceed to confirm link sent to the other email",
        "code": "200",
    }
    done = post(
        confirming, "/verify", {"type": "email_change", "email": new, "token": confirming.inbox.code_to(new)}
    )
    assert done.json()["user"]["email"] == new
    assert sign_in(confirming, new)["user"]["id"] == session.json()["user"]["id"]


def test_emails_are_not_sent_more_often_than_allowed(cluster, template_db):
    with auth_stack(cluster, template_db, autoconfirm=False, email_max_frequency=60) as strict:
        email = new_email()
        post(strict, "/signup", {"email": email, "password": PASSWORD})
        again = post(strict, "/resend", {"type": "signup", "email": email})
        assert (again.status_code, again.json()["code"]) == (429, "over_email_send_rate_limit")
        assert len(strict.inbox.to(email)) == 1


def test_a_mail_api_failure_fails_the_sign_up_and_keeps_nothing(cluster, template_db):
    unreachable = MailerSettings(api_base="http://127.0.0.1:9", api_key="SG.x")  # nothing listens there
    with auth_stack(cluster, template_db, autoconfirm=False, mailer=unreachable) as stack:
        email = new_email()
        failed = post(stack, "/signup", {"email": email, "password": PASSWORD})
        with psycopg.connect(stack.db_url) as conn:
            kept = conn.execute("select count(*) from auth.users where email = %s", (email,)).fetchone()
    assert (failed.status_code, failed.json()) == (
        500,
        {"code": "unexpected_failure", "message": "Error sending confirmation email"},
    )
    assert kept == (0,)
