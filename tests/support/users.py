"""Signed-up users with a role, written straight into auth.users and public.profiles."""

from __future__ import annotations

import uuid

import psycopg

SIGN_UP = """
insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data,
                        created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', %s, 'authenticated', 'authenticated', %s, '{}', '{}',
        now(), now())
"""
PROFILE = """
insert into public.profiles (id, role) values (%s, %s) on conflict (id) do update set role = excluded.role
"""


def add_user(conn: psycopg.Connection, role: str) -> str:
    """A new user whose profile has `role` (admin, instructor, student); returns the user id."""
    user_id = str(uuid.uuid4())
    conn.execute(SIGN_UP, (user_id, f"{user_id[:8]}@example.com"))
    conn.execute(PROFILE, (user_id, role))
    return user_id
