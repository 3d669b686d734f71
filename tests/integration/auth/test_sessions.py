"""Sign-up and password sign-in answer GoTrue's session JSON and write GoTrue's rows (C.3, C.4, A.4)."""

from __future__ import annotations

import uuid

import jwt
import psycopg
import pytest

from devstack.gateway.auth.settings import LoginLimits
from tests.integration.auth.conftest import PASSWORD, new_email, sign_in, sign_up
from tests.support.auth_stack import auth_stack

NIL = uuid.UUID(int=0)


def claims_of(stack, session: dict) -> dict:
    return jwt.decode(
        session["access_token"], stack.gateway.jwt_secret, algorithms=["HS256"], audience="authenticated"
    )


def test_a_sign_up_is_confirmed_at_once_and_answers_a_session(stack):
    email = new_email()
    session = sign_up(stack, email, full_name="Asha Rao")
    assert session["token_type"] == "bearer"
    assert session["expires_in"] == 3600
    assert len(session["refresh_token"]) == 12
    assert session["refresh_token"].isalnum()
    user = session["user"]
    assert (user["aud"], user["role"], user["email"], user["phone"]) == (
        "authenticated",
        "authenticated",
        email,
        "",
    )
    assert user["app_metadata"] == {"provider": "email", "providers": ["email"]}
    assert user["user_metadata"] == {"full_name": "Asha Rao", "email_verified": True}
    assert user["email_confirmed_at"]
    assert user["last_sign_in_at"]
    assert user["is_anonymous"] is False
    [identity] = user["identities"]
    assert identity["id"] == identity["user_id"] == user["id"]
    assert identity["provider"] == "email"
    assert identity["identity_data"]["sub"] == user["id"]
    assert identity["identity_data"]["email"] == email


def test_the_access_token_carries_supabase_claims(stack):
    session = sign_up(stack)
    claims = claims_of(stack, session)
    assert claims["iss"] == f"{stack.url}/auth/v1"
    assert (claims["aud"], claims["role"], claims["aal"]) == ("authenticated", "authenticated", "aal1")
    assert claims["sub"] == session["user"]["id"]
    assert claims["email"] == session["user"]["email"]
    assert claims["phone"] == ""
    assert claims["is_anonymous"] is False
    assert claims["app_metadata"] == session["user"]["app_metadata"]
    assert claims["user_metadata"] == session["user"]["user_metadata"]
    assert [entry["method"] for entry in claims["amr"]] == ["password"]
    assert claims["exp"] - claims["iat"] == 3600
    assert claims["exp"] == session["expires_at"]
    uuid.UUID(claims["session_id"])


def test_rows_are_written_as_gotrue_writes_them(stack):
    session = sign_up(stack)
    user_id, session_id = session["user"]["id"], claims_of(stack, session)["session_id"]
    with psycopg.connect(stack.db_url) as conn:
        instance, password = conn.execute(
            "select instance_id, encrypted_password from auth.users where id = %s", (user_id,)
        ).fetchone()
        token = conn.execute(
            "select instance_id, user_id, revoked, parent, session_id from auth.refresh_tokens"
            " where token = %s",
            (session["refresh_token"],),
        ).fetchone()
        session_row = conn.execute(
            "select user_id, aal from auth.sessions where id = %s", (session_id,)
        ).fetchone()
        amr = conn.execute(
            "select authentication_method from auth.mfa_amr_claims where session_id = %s", (session_id,)
        )
        actions = conn.execute(
            "select payload ->> 'action' from auth.audit_log_entries where payload ->> 'actor_id' = %s"
            " order by created_at",
            (user_id,),
        ).fetchall()
    assert instance == NIL
    assert password.startswith("$2a$10$")
    assert token == (NIL, user_id, False, None, uuid.UUID(session_id))
    assert session_row == (uuid.UUID(user_id), "aal1")
    assert amr.fetchall() == [("password",)]
    assert [a for (a,) in actions] == ["user_signedup", "login"]


def test_a_password_signs_in_and_a_wrong_one_is_refused_in_both_error_formats(stack):
    email = new_email()
    sign_up(stack, email)
    assert sign_in(stack, email)["user"]["email"] == email
    wrong = {"email": email, "password": "not it at all"}
    with stack.client() as client:
        current = client.post("/token", params={"grant_type": "password"}, json=wrong)
    with stack.client(**{"X-Supabase-Api-Version": ""}) as client:
        legacy = client.post("/token", params={"grant_type": "password"}, json=wrong)
    assert current.status_code == legacy.status_code == 400
    assert current.json() == {"code": "invalid_credentials", "message": "Invalid login credentials"}
    assert current.headers["x-supabase-api-version"] == "2024-01-01"
    assert legacy.json() == {
        "code": 400,
        "error_code": "invalid_credentials",
        "msg": "Invalid login credentials",
    }
    assert "x-supabase-api-version" not in legacy.headers
    assert current.headers["x-sb-error-code"] == legacy.headers["x-sb-error-code"] == "invalid_credentials"


def test_a_user_seeded_with_pgcrypto_hashes_signs_in(stack):
    email, user_id = new_email(), uuid.uuid4()
    with psycopg.connect(stack.db_url) as conn:
        conn.execute(
            "insert into auth.users (instance_id, id, aud, role, email, encrypted_password,"
            " email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)"
            " values (%s, %s, 'authenticated', 'authenticated', %s,"
            " extensions.crypt(%s, extensions.gen_salt('bf', 10)),"
            ' now(), \'{"provider": "email", "providers": ["email"]}\', \'{}\', now(), now())',
            (NIL, user_id, email, PASSWORD),
        )
    session = sign_in(stack, email)
    assert session["user"]["id"] == str(user_id)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"email": "someone@example.com"}, 400, "validation_failed"),
        ({"email": "someone@example.com", "password": "five5"}, 422, "weak_password"),
        ({"email": "not an address", "password": PASSWORD}, 400, "validation_failed"),
        ({"phone": "+919876543210", "password": PASSWORD}, 400, "phone_provider_disabled"),
        ({"data": {}}, 422, "anonymous_provider_disabled"),
    ],
)
def test_bad_sign_ups_are_refused(stack, body, status, code):
    with stack.client() as client:
        response = client.post("/signup", json=body)
    assert (response.status_code, response.json()["code"]) == (status, code)


def test_a_weak_password_names_its_reasons(stack):
    with stack.client() as client:
        response = client.post("/signup", json={"email": new_email(), "password": "abc"})
    assert response.json()["weak_password"] == {"reasons": ["length"]}


def test_signing_up_twice_is_refused_when_sign_ups_confirm_at_once(stack):
    email = new_email()
    sign_up(stack, email)
    with stack.client() as client:
        response = client.post("/signup", json={"email": email.upper(), "password": PASSWORD})
    assert (response.status_code, response.json()["code"]) == (422, "user_already_exists")


def test_anonymous_sign_ins_when_enabled(cluster, template_db):
    with auth_stack(cluster, template_db, anonymous_sign_ins=True) as anonymous, anonymous.client() as client:
        response = client.post("/signup", json={"data": {"nickname": "guest"}})
        settings = client.get("/settings").json()
    assert response.status_code == 200
    user = response.json()["user"]
    assert user["is_anonymous"] is True
    assert user["email"] == ""
    assert user["identities"] == []
    assert claims_of(anonymous, response.json())["is_anonymous"] is True
    assert settings["external"]["anonymous_users"] is True


def _attempt(client, email: str, password: str):
    return client.post(
        "/token", params={"grant_type": "password"}, json={"email": email, "password": password}
    )


def test_failed_logins_are_limited_per_email_and_per_address(cluster, template_db):
    with auth_stack(cluster, template_db, login_limits=LoginLimits(per_email=2, per_ip=4)) as limited:
        victim, other = new_email(), new_email()
        sign_up(limited, victim)
        sign_up(limited, other)
        with limited.client() as client:
            assert [_attempt(client, victim, "wrong guess").status_code for _ in range(2)] == [400, 400]
            locked = _attempt(client, victim, PASSWORD)
            assert (locked.status_code, locked.json()["code"]) == (429, "over_request_rate_limit")
            assert _attempt(client, other, PASSWORD).status_code == 200
            assert [_attempt(client, other, "wrong guess").status_code for _ in range(2)] == [400, 400]
            assert (
                _attempt(client, new_email(), PASSWORD).status_code == 429
            )  # four failures from this address
