"""Fixtures for lead intake tests: a published course with an upcoming batch."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.rows import tuple_row

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
