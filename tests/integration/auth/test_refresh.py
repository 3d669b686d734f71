"""Refresh tokens rotate; reusing an old one outside the reuse interval revokes its whole family."""

from __future__ import annotations

import jwt
import psycopg

from tests.integration.auth.conftest import sign_up
from tests.support.auth_stack import auth_stack


def refresh(stack, token: str):
    with stack.client() as client:
        return client.post("/token", params={"grant_type": "refresh_token"}, json={"refresh_token": token})


def test_each_refresh_rotates_the_token(stack):
    first = sign_up(stack)["refresh_token"]
    second = refresh(stack, first).json()
    third = refresh(stack, second["refresh_token"]).json()
    assert len({first, second["refresh_token"], third["refresh_token"]}) == 3
    assert second["user"]["id"] == third["user"]["id"]
    with psycopg.connect(stack.db_url) as conn:
        rows = conn.execute(
            "select token, revoked, parent from auth.refresh_tokens where session_id = "
            "(select session_id from auth.refresh_tokens where token = %s) order by id",
            (first,),
        ).fetchall()
    assert rows == [
        (first, True, None),
        (second["refresh_token"], True, first),
        (third["refresh_token"], False, second["refresh_token"]),
    ]


def test_the_parent_of_the_live_token_gets_that_token_back(stack):
    first = sign_up(stack)["refresh_token"]
    second = refresh(stack, first).json()["refresh_token"]
    again = refresh(stack, first)
    assert again.status_code == 200
    assert again.json()["refresh_token"] == second


def test_an_older_token_reused_revokes_the_family(stack):
    first = sign_up(stack)["refresh_token"]
    second = refresh(stack, first).json()["refresh_token"]
    live = refresh(stack, second).json()["refresh_token"]
    reused = refresh(stack, first)
    assert (reused.status_code, reused.json()) == (
        400,
        {"code": "refresh_token_already_used", "message": "Invalid Refresh Token: Already Used"},
    )
    after = refresh(stack, live)
    assert (after.status_code, after.json()["code"]) == (400, "refresh_token_already_used")


def test_within_the_reuse_interval_an_old_token_still_refreshes(cluster, template_db):
    with auth_stack(cluster, template_db, refresh_token_reuse_interval=3600) as lenient:
        first = sign_up(lenient)["refresh_token"]
        second = refresh(lenient, first).json()["refresh_token"]
        refresh(lenient, second)
        reused = refresh(lenient, first)
        assert reused.status_code == 200
        assert reused.json()["refresh_token"] not in (first, second)


def test_unknown_and_missing_tokens(stack):
    unknown = refresh(stack, "nosuchtoken1")
    assert (unknown.status_code, unknown.json()["code"]) == (400, "refresh_token_not_found")
    with stack.client() as client:
        missing = client.post("/token", params={"grant_type": "refresh_token"}, json={})
        unsupported = client.post("/token", params={"grant_type": "client_credentials"}, json={})
    assert (missing.status_code, missing.json()) == (
        400,
        {"error": "invalid_request", "error_description": "refresh_token required"},
    )
    assert (unsupported.status_code, unsupported.json()) == (400, {"error": "unsupported_grant_type"})


def test_a_refreshed_session_keeps_its_id_and_amr(stack):
    session = sign_up(stack)
    renewed = refresh(stack, session["refresh_token"]).json()
    before, after = (
        jwt.decode(s["access_token"], options={"verify_signature": False}) for s in (session, renewed)
    )
    assert after["session_id"] == before["session_id"]
    assert after["amr"] == before["amr"]
