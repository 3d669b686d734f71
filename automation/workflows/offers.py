"""What a welcome message says about a course: its next batch, schedule, fee and syllabus, and the center."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row

from automation.messages.catalog import Center, Course

WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")

OFFER = """
select c.id::text as course_id, c.title, c.price_paise, c.currency, c.syllabus_path,
       b.starts_on, b.weekly_pattern,
       s.name as center_name, coalesce(s.website_url, '') as website,
       coalesce(s.contact_email::text, '') as support_email,
       coalesce(s.contact_phone::text, '') as support_phone
  from public.courses c
  cross join public.center_settings s
  join lateral (
    select b.starts_on, b.weekly_pattern from public.batches b
     where b.course_id = c.id and b.status in ('planned', 'open') and b.starts_on >= current_date
     order by b.starts_on limit 1
  ) b on true
 where c.id = %s
"""


@dataclass(frozen=True)
class Offer:
    course: Course
    center: Center


def load_offer(conn: psycopg.Connection, course_id: str, files_base_url: str) -> Offer | None:
    """The course with its next open batch; None when no batch is planned (nothing to offer yet)."""
    row = conn.cursor(row_factory=dict_row).execute(OFFER, (course_id,)).fetchone()
    if row is None:
        return None
    center = Center(row["center_name"], row["website"], row["support_email"], row["support_phone"])
    syllabus = f"{files_base_url}/{row['syllabus_path']}" if row["syllabus_path"] else center.website
    course = Course(
        row["course_id"], row["title"], row["starts_on"], schedule_text(row["weekly_pattern"]),
        row["price_paise"], syllabus, row["currency"],
    )  # fmt: skip
    return Offer(course, center)


CENTER = """
select name, coalesce(website_url, '') as website, coalesce(contact_email::text, '') as support_email,
       coalesce(contact_phone::text, '') as support_phone
  from public.center_settings
"""


def load_center(conn: psycopg.Connection) -> Center:
    """The center as messages sign it (the single center_settings row)."""
    row = conn.cursor(row_factory=dict_row).execute(CENTER).fetchone()
    return Center(row["name"], row["website"], row["support_email"], row["support_phone"])  # type: ignore[index]


def schedule_text(weekly_pattern: list[dict]) -> str:
    """[{"weekday": 6, "start": "10:00"}, {"weekday": 7, ...}] → "Saturdays and Sundays, from 10:00"."""
    if not weekly_pattern:
        return "schedule to be announced"
    days = [WEEKDAYS[int(slot["weekday"]) - 1] for slot in weekly_pattern]
    joined = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1]
    return f"{joined}, from {weekly_pattern[0]['start']}"


def course_files_url(supabase_url: str) -> str:
    """Public base URL of the course-files bucket (a public bucket, so links need no signature)."""
    return f"{supabase_url.rstrip('/')}/storage/v1/object/public/course-files"
