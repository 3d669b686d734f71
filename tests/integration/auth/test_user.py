"""GET and PUT /user and POST /logout: the bearer rules of C.1, metadata, password change, scopes."""

from __future__ import annotations

import jwt

from tests.integration.auth.conftest import PASSWORD, new_email, sign_in, sign_up
from tests.integration.auth.test_refresh import refresh


def test_the_user_reads_and_updates_itself(stack):
    session = sign_up(stack, plan="monthly")
    with stack.client(token=session["access_token"]) as client:
        assert client.get("/user").json()["id"] == session["user"]["id"]
        updated = client.put("/user", json={"data": {"city": "Pune", "plan": None}})
    assert updated.status_code == 200
    assert updated.json()["user_metadata"] == {"city": "Pune", "email_verified": True}


def test_bearer_tokens_are_checked(stack):
    session = sign_up(stack)
    forged = jwt.encode(
        {**jwt.decode(session["access_token"], options={"verify_signature": False})},
        "a-different-secret-of-32-bytes-or-more",
    )
    with stack.client() as anonymous, stack.client(token=forged) as forger:
        no_sub = anonymous.get("/user")
        bad_signature = forger.get("/user")
    assert (no_sub.status_code, no_sub.json()) == (
        403,
        {"code": "bad_jwt", "message": "invalid claim: missing sub claim"},
    )
    assert (bad_signature.status_code, bad_signature.json()["code"]) == (403, "bad_jwt")


def test_a_new_password_ends_the_other_sessions(stack):
    email = new_email()
    current = sign_up(stack, email)
    other = sign_in(stack, email)
    with stack.client(token=current["access_token"]) as client:
        same = client.put("/user", json={"password": PASSWORD})
        changed = client.put("/user", json={"password": "a brand new secret"})
        still_in = client.get("/user")
    assert (same.status_code, same.json()["code"]) == (422, "same_password")
    assert changed.status_code == 200
    assert still_in.status_code == 200
    assert refresh(stack, other["refresh_token"]).json()["code"] == "refresh_token_not_found"
    assert sign_in(stack, email, "a brand new secret")["user"]["email"] == email


def _logout(stack, session, scope=None):
    with stack.client(token=session["access_token"]) as client:
        return client.post("/logout", params={"scope": scope} if scope else None)


def test_logout_scopes(stack):
    email = new_email()
    first, second, third = sign_up(stack, email), sign_in(stack, email), sign_in(stack, email)
    assert _logout(stack, first, "others").status_code == 204
    assert refresh(stack, second["refresh_token"]).status_code == 400
    assert refresh(stack, third["refresh_token"]).status_code == 400
    assert _logout(stack, first, "local").status_code == 204
    with stack.client(token=first["access_token"]) as client:
        gone = client.get("/user")
    assert (gone.status_code, gone.json()["code"]) == (403, "session_not_found")
    fourth, fifth = sign_in(stack, email), sign_in(stack, email)
    assert _logout(stack, fourth).status_code == 204  # global by default
    assert refresh(stack, fifth["refresh_token"]).status_code == 400
    bad = _logout(stack, sign_in(stack, email), "everywhere")
    assert (bad.status_code, bad.json()["code"]) == (400, "validation_failed")
