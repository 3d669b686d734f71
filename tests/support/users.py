"""Signed-up users with a role, written straight into auth.users and public.profiles for API tests."""

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
    """A new user's id, whose profile has `role` (admin, instructor or student)."""
    user_id = str(uuid.uuid4())
    conn.execute(SIGN_UP, (user_id, f"{user_id[:8]}@example.com"))
    conn.execute(PROFILE, (user_id, role))
    return user_id


def add_student_from_lead(conn: psycopg.Connection, lead_id: str, phone: str | None = None) -> str:
    """A new student's id, the profile (with `phone`) that the lead converted into."""
    student = add_user(conn, "student")
    conn.execute("update public.profiles set phone = %s where id = %s", (phone, student))
    conn.execute("update public.leads set converted_profile_id = %s where id = %s", (student, lead_id))
    return student
