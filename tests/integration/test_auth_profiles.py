"""Profiles under the real roles: Auth's own database login signs users up, users act through the API role."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from tests.support.roles import acting_as, refused, user_claims

SIGN_UP = """
insert into auth.users (instance_id, id, aud, role, email, phone, raw_app_meta_data, raw_user_meta_data,
                        created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', %s, 'authenticated', 'authenticated', %s, %s,
        %s, %s, now(), now())
"""


@pytest.fixture
def as_auth_server(fresh_db_url):
    """A connection as supabase_auth_admin, the login Supabase Auth (GoTrue) uses."""
    params = conninfo_to_dict(fresh_db_url) | {"user": "supabase_auth_admin", "password": "postgres"}
    with psycopg.connect(make_conninfo(**params), autocommit=True) as conn:
        yield conn


def _sign_up(conn, email, phone=None, app_meta=None, user_meta=None) -> str:
    user_id = str(uuid.uuid4())
    app = json.dumps({"provider": "email", "providers": ["email"], **(app_meta or {})})
    conn.execute(SIGN_UP, (user_id, email, phone, app, json.dumps(user_meta or {})))
    return user_id


def test_a_sign_up_gets_a_student_profile_whatever_its_metadata_claims(as_auth_server, fresh_db_url):
    user_id = _sign_up(
        as_auth_server,
        "Kiran.Rao@Example.com",
        "919822000111",
        user_meta={"role": "admin", "full_name": "Kiran Rao"},
    )
    with psycopg.connect(fresh_db_url) as conn:
        profile = conn.execute(
            "select role::text, full_name, email::text, phone from public.profiles where id = %s", (user_id,)
        ).fetchone()
    assert profile == ("student", "Kiran Rao", "Kiran.Rao@Example.com", "+919822000111")


def test_a_malformed_email_or_phone_does_not_block_the_sign_up(as_auth_server, fresh_db_url):
    user_id = _sign_up(as_auth_server, "not an email", "12")
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute(
            "select role::text, email, phone from public.profiles where id = %s", (user_id,)
        ).fetchone() == ("student", None, None)


def test_an_email_change_in_auth_reaches_the_profile(as_auth_server, fresh_db_url):
    user_id = _sign_up(as_auth_server, "old@example.com")
    as_auth_server.execute("update auth.users set email = 'new@example.com' where id = %s", (user_id,))
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute(
            "select email::text from public.profiles where id = %s", (user_id,)
        ).fetchone() == ("new@example.com",)


def test_a_user_cannot_raise_their_role_and_an_admin_can_change_it(as_auth_server, fresh_db_url):
    student = _sign_up(as_auth_server, "student@example.com")
    admin = _sign_up(as_auth_server, "admin@example.com", app_meta={"role": "admin"})
    with psycopg.connect(fresh_db_url) as conn:
        with acting_as(conn, "authenticated", user_claims(student, app_metadata={"role": "admin"})):
            with refused(conn, match="profiles.role can only be changed by an admin"):
                conn.execute("update public.profiles set role = 'admin' where id = auth.uid()")
            assert conn.execute("select private.is_admin()").fetchone() == (False,)
        with acting_as(conn, "authenticated", user_claims(admin)):
            conn.execute("update public.profiles set role = 'instructor' where id = %s", (student,))
        conn.commit()
        assert conn.execute(
            "select raw_app_meta_data ->> 'role' from auth.users where id = %s", (student,)
        ).fetchone() == ("instructor",)
