"""Admin endpoints: the service role only; users created, listed (GoTrue's pagination), changed, deleted."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import bcrypt
import psycopg
import pytest

from tests.integration.auth.conftest import PASSWORD, new_email, sign_in, sign_up
from tests.support.auth_stack import auth_stack


def create(stack, **attributes):
    with stack.admin() as admin:
        response = admin.post("/admin/users", json={"email": new_email(), **attributes})
    assert response.status_code == 200, response.text
    return response.json()


def test_only_admin_roles_may_call_admin_endpoints(stack):
    session = sign_up(stack)
    with stack.client() as anon, stack.client(token=session["access_token"]) as user:
        refused = [
            anon.get("/admin/users"),
            user.get("/admin/users"),
            user.post("/invite", json={"email": "x@example.com"}),
        ]
    assert {(r.status_code, r.json()["code"], r.json()["message"]) for r in refused} == {
        (403, "not_admin", "User not allowed")
    }


def test_create_with_confirmation_metadata_and_role(stack):
    user = create(
        stack,
        password=PASSWORD,
        email_confirm=True,
        user_metadata={"full_name": "Ravi"},
        app_metadata={"role": "instructor"},
    )
    assert user["app_metadata"] == {"provider": "email", "providers": ["email"], "role": "instructor"}
    assert user["user_metadata"] == {"full_name": "Ravi", "email_verified": True}
    assert user["email_confirmed_at"]
    assert user["role"] == "authenticated"
    assert sign_in(stack, user["email"])["user"]["id"] == user["id"]
    with stack.admin() as admin:
        duplicate = admin.post("/admin/users", json={"email": user["email"]})
        nothing = admin.post("/admin/users", json={})
    assert (duplicate.status_code, duplicate.json()["code"]) == (422, "email_exists")
    assert (nothing.status_code, nothing.json()["code"]) == (400, "validation_failed")


def test_create_with_a_bcrypt_hash_and_a_chosen_id(stack):
    hashed = bcrypt.hashpw(b"imported secret", bcrypt.gensalt(rounds=4)).decode()
    chosen = "7b0e5a84-5b8e-4c37-9f43-0a2b8f7f7e11"
    user = create(stack, id=chosen, password_hash=hashed, email_confirm=True)
    assert user["id"] == chosen
    assert sign_in(stack, user["email"], "imported secret")["user"]["id"] == chosen


def test_listing_pages_like_gotrue(cluster, template_db):
    with auth_stack(cluster, template_db) as fresh:
        made = [create(fresh)["id"] for _ in range(5)]
        with fresh.admin() as admin:
            first = admin.get("/admin/users", params={"page": 1, "per_page": 2})
            last = admin.get("/admin/users", params={"page": 3, "per_page": 2})
            default = admin.get("/admin/users")
    assert first.headers["x-total-count"] == "5"
    assert first.headers["link"] == (
        '</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=3&per_page=2>; rel="last"'
    )
    assert [u["id"] for u in first.json()["users"]] == made[::-1][:2]
    assert first.json()["aud"] == "authenticated"
    assert last.headers["link"] == '</admin/users?page=3&per_page=2>; rel="last"'
    assert [u["id"] for u in last.json()["users"]] == made[:1]
    assert len(default.json()["users"]) == 5
    assert default.headers["link"] == '</admin/users?page=1>; rel="last"'


def test_get_and_missing_users(stack):
    user = create(stack)
    with stack.admin() as admin:
        found = admin.get(f"/admin/users/{user['id']}")
        missing = admin.get("/admin/users/00000000-0000-4000-8000-000000000000")
        malformed = admin.get("/admin/users/not-a-uuid")
    assert found.json()["email"] == user["email"]
    assert (missing.status_code, missing.json()["code"]) == (404, "user_not_found")
    assert (malformed.status_code, malformed.json()["code"]) == (404, "validation_failed")


def _update(stack, user_id, **attributes):
    with stack.admin() as admin:
        return admin.put(f"/admin/users/{user_id}", json=attributes)


def test_bans_and_unbans(stack):
    email = new_email()
    user = sign_up(stack, email)["user"]
    banned = _update(stack, user["id"], ban_duration="24h").json()
    until = datetime.fromisoformat(banned["banned_until"])
    assert timedelta(hours=23) < until - datetime.now(UTC) < timedelta(hours=25)
    with stack.client() as client:
        refused = client.post(
            "/token", params={"grant_type": "password"}, json={"email": email, "password": PASSWORD}
        )
    assert (refused.status_code, refused.json()["code"]) == (400, "user_banned")
    assert "banned_until" not in _update(stack, user["id"], ban_duration="none").json()
    assert sign_in(stack, email)["user"]["id"] == user["id"]
    bad = _update(stack, user["id"], ban_duration="a while")
    assert (bad.status_code, bad.json()["code"]) == (400, "validation_failed")


def test_updates_merge_metadata_and_set_role_email_and_password(stack):
    user = create(stack, app_metadata={"role": "student", "batch": "B1"}, email_confirm=True)
    new_address = new_email()
    updated = _update(
        stack,
        user["id"],
        app_metadata={"role": "admin", "batch": None},
        user_metadata={"city": "Delhi"},
        role="service_role",
        email=new_address,
        password="another fine secret",
    ).json()
    assert updated["app_metadata"] == {"provider": "email", "providers": ["email"], "role": "admin"}
    assert updated["user_metadata"] == {"email_verified": True, "city": "Delhi"}
    assert (updated["role"], updated["email"]) == ("service_role", new_address)
    assert updated["identities"][0]["identity_data"]["email"] == new_address
    assert sign_in(stack, new_address, "another fine secret")["user"]["id"] == user["id"]


def test_soft_delete_hides_the_user_and_frees_the_address(stack):
    email = new_email()
    user = sign_up(stack, email)["user"]
    with stack.admin() as admin:
        deleted = admin.request("DELETE", f"/admin/users/{user['id']}", json={"should_soft_delete": True})
        kept = admin.get(f"/admin/users/{user['id']}").json()
    assert (deleted.status_code, deleted.json()) == (200, {})
    assert kept["deleted_at"]
    assert kept["email"] != email
    assert (kept["user_metadata"], kept["app_metadata"]) == ({}, {})
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", kept["identities"][0]["id"])
    assert sign_up(stack, email)["user"]["id"] != user["id"]


def test_hard_delete_removes_the_rows(stack):
    user = sign_up(stack)["user"]
    with stack.admin() as admin:
        assert admin.delete(f"/admin/users/{user['id']}").status_code == 200
        assert admin.get(f"/admin/users/{user['id']}").status_code == 404
    with psycopg.connect(stack.db_url) as conn:
        left = conn.execute(
            "select count(*) from auth.identities where user_id = %s", (user["id"],)
        ).fetchone()
    assert left == (0,)


@pytest.mark.parametrize("kind", ["signup", "magiclink"])
def test_generated_links_and_codes_sign_the_user_in(stack, kind):
    email = new_email()
    if kind == "magiclink":
        sign_up(stack, email)
    body = {
        "type": kind,
        "email": email,
        "password": PASSWORD,
        "redirect_to": "http://127.0.0.1:5173/welcome",
    }
    with stack.admin() as admin:
        link = admin.post("/admin/generate_link", json=body).json()
    assert link["verification_type"] == kind
    assert link["redirect_to"] == "http://127.0.0.1:5173/welcome"
    assert link["action_link"] == (
        f"{stack.url}/auth/v1/verify?token={link['hashed_token']}&type={kind}"
        "&redirect_to=http://127.0.0.1:5173/welcome"
    )
    assert link["email"] == email
    with stack.client() as client:
        verified = client.post("/verify", json={"type": "email", "email": email, "token": link["email_otp"]})
    assert verified.status_code == 200
    assert verified.json()["user"]["email"] == email


def test_generate_link_for_an_unknown_address_refuses_recovery(stack):
    with stack.admin() as admin:
        response = admin.post("/admin/generate_link", json={"type": "recovery", "email": new_email()})
    assert (response.status_code, response.json()["code"]) == (404, "user_not_found")
