"""What a welcome message says about a course: its next batch, schedule, fee and syllabus, and the center."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from psycopg.rows import dict_row, scalar_row

from automation.messages.catalog import Center, Course

WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")

OFFER = "select private.course_offer(%s)"
CURRENT_OFFER = "select private.current_offer(%s)"
# What a welcome quotes when the course has no batch left to join (private.current_offer without one).
NO_BATCH = {"starts_on": None, "weekly_pattern": None}


@dataclass(frozen=True)
class Offer:
    course: Course
    center: Center


def offer_facts(conn: psycopg.Connection, course_id: str) -> Mapping[str, Any] | None:
    """`private.course_offer` as JSON, as a message's "render" facts carry it: the course with its next open
    batch; None when no batch is planned (nothing to offer yet)."""
    return conn.cursor(row_factory=scalar_row).execute(OFFER, (course_id,)).fetchone()


def current_offer(conn: psycopg.Connection, queued: Mapping[str, Any]) -> Mapping[str, Any]:
    """The offer of `queued`'s course as it stands now (`private.current_offer`): today's fee, and the next
    batch that has not started and has a free seat, or none. A course deleted since keeps its queued facts
    without their batch, so a message about it never quotes a batch that may be gone."""
    found = conn.cursor(row_factory=scalar_row).execute(CURRENT_OFFER, (queued["course_id"],)).fetchone()
    return found if found is not None else {**queued, **NO_BATCH}


def offer_from(facts: Mapping[str, Any], files_base_url: str) -> Offer:
    """An Offer from the JSON of `private.course_offer` or `private.current_offer` (whose course may have no
    batch: starts_on null)."""
    center = Center(facts["center_name"], facts["website"], facts["support_email"], facts["support_phone"])
    path = facts["syllabus_path"]
    syllabus = f"{files_base_url}/{path}" if path else ""  # messages then offer to send it on request
    starts_on = facts["starts_on"] and date.fromisoformat(facts["starts_on"])
    course = Course(
        str(facts["course_id"]), facts["title"], starts_on, schedule_text(facts["weekly_pattern"] or []),
        facts["price_paise"], syllabus, facts["currency"],
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
    """[{"weekday": 1, "start": "07:00"}, {"weekday": 6, "start": "10:30"}]
    → "Mondays at 07:00 and Saturdays at 10:30": each day with its own time."""
    if not weekly_pattern:
        return "schedule to be announced"
    days = [f"{WEEKDAYS[int(slot['weekday']) - 1]} at {slot['start']}" for slot in weekly_pattern]
    return days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1]


def course_files_url(supabase_url: str) -> str:
    """Public base URL of the course-files bucket (a public bucket, so links need no signature)."""
    return f"{supabase_url.rstrip('/')}/storage/v1/object/public/course-files"
