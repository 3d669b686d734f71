"""Fixtures for lead intake tests: a published course with an upcoming batch."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.rows import tuple_row

from automation import create_app
from tests.support.settings import settings_for_tests
from tests.support.tokens import user_token
from tests.support.users import add_user

COURSE = """
insert into public.courses (slug, title, price_paise, published, syllabus_path)
values ('spoken-english', 'Spoken English', 1250000, true, 'spoken-english/syllabus.pdf')
returning id::text
"""
BATCH = """
insert into public.batches (course_id, name, starts_on, weekly_pattern, status)
values (%s, 'Morning', current_date + 10, '[{"weekday": 6, "start": "10:00", "minutes": 120}]', 'open')
"""


def add_offered_course(conn: psycopg.Connection) -> str:
    """A published course with an open batch starting in ten days; returns the course id."""
    course_id = conn.cursor(row_factory=tuple_row).execute(COURSE).fetchone()[0]  # type: ignore[index]
    conn.execute(BATCH, (course_id,))
    return course_id


@pytest.fixture
def course_id(db: psycopg.Connection) -> str:
    return add_offered_course(db)


SECRET = "secret-for-tests"
LEAD = "insert into public.leads (full_name, email) values ('Asha', 'asha@example.com') returning id::text"
SUBMISSION = "insert into public.cta_submissions (lead_id, course_id) values (%s, %s) returning id::text"
CONSENT = (
    "insert into public.consents (lead_id, channel, state, source) values (%s, 'email', 'opted_in', 'form')"
)


@pytest.fixture
def world(fresh_db_url):
    """A database of the test's own with a course, a lead (email consented) and its submission, an admin and
    a student."""
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        course_id = add_offered_course(conn)
        lead_id = conn.execute(LEAD).fetchone()[0]
        conn.execute(CONSENT, (lead_id,))
        submission = conn.execute(SUBMISSION, (lead_id, course_id)).fetchone()[0]
        return {"admin": add_user(conn, "admin"), "student": add_user(conn, "student"), "lead": lead_id,
                "submission": submission, "url": fresh_db_url}  # fmt: skip


def admin_client(world, **overrides):
    """The service's Flask test client on `world`'s database, `overrides` set."""
    settings = settings_for_tests(supabase_db_url=world["url"], db_pool_min_size=0, **overrides)
    return create_app(settings).test_client()


def bearer(user_id: str) -> dict[str, str]:
    """The Authorization header of a signed-in user."""
    return {"Authorization": f"Bearer {user_token(SECRET, user_id)}"}


ORIGIN = "https://landing.example"  # the landing page's origin, allowed by CORS


def public_client(db_url: str, **overrides):
    """The service's Flask test client for the public form on `db_url`, ORIGIN allowed, `overrides` set."""
    values = {"supabase_db_url": db_url, "db_pool_min_size": 0, "cors_allowed_origins": ORIGIN, **overrides}
    return create_app(settings_for_tests(**values)).test_client()


@pytest.fixture
def client(fresh_db_url):
    """The public form's test client on a database of the test's own with an offered course."""
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        add_offered_course(conn)
    return public_client(fresh_db_url)
