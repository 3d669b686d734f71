"""A batch is upcoming when it starts on or after today at the center, not today in the session's zone (UTC).

Each test puts the center in a zone that is on another calendar day than UTC at the test's instant: Kiritimati
(UTC+14, a day ahead from 10:00 UTC) or Pago Pago (UTC-11, a day behind until 11:00 UTC). Ahead, a batch that
starts on the UTC day has started at the center; behind, one that starts on the center's day is still to come.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import psycopg
import pytest
from psycopg.rows import dict_row

from automation.workflows.audiences import Audience, Purpose, audience_rows
from automation.workflows.interested_links import links_when_interested
from automation.workflows.offers import offer_facts, offer_from
from automation.workflows.payment_links import LinkRoutes

# The session as Supabase runs it (UTC), the center on another day than UTC at this transaction's instant.
DAYS = """
select current_date as utc_day, (now() at time zone z.zone)::date as center_day, z.zone
  from (select case when extract(hour from now() at time zone 'UTC') >= 10 then 'Pacific/Kiritimati'
                    else 'Pacific/Pago_Pago' end as zone) z
"""
COURSE = """
insert into public.courses (slug, title, price_paise) values ('dated', 'Dated', 1250000) returning id::text
"""
BATCH = """
insert into public.batches (course_id, name, starts_on, status) values (%s, %s, %s, 'open') returning id::text
"""
LEAD = """
insert into public.leads (full_name, email, course_id, status)
values ('Asha Rao', 'asha.dates@example.com', %s, 'interested') returning id::text
"""
LINKED_BATCH = "select batch_id::text from public.payments where id = %s"


@dataclass(frozen=True)
class Days:
    utc_day: date
    center_day: date


@pytest.fixture
def days(db: psycopg.Connection) -> Days:
    """The center moved to a zone on another day than UTC; the session's zone set to UTC."""
    db.execute("set local time zone 'UTC'")
    found = db.cursor(row_factory=dict_row).execute(DAYS).fetchone()
    assert found is not None
    assert found["utc_day"] != found["center_day"]
    db.execute("update public.center_settings set timezone = %s", (found["zone"],))
    return Days(found["utc_day"], found["center_day"])


def _course(db: psycopg.Connection, *starts: date) -> tuple[str, dict[date, str]]:
    """A course with an open batch starting on each of `starts`; its id and the batch id per day."""
    course = db.execute(COURSE).fetchone()[0]  # type: ignore[index]
    batches = {day: db.execute(BATCH, (course, f"From {day}", day)).fetchone()[0] for day in starts}  # type: ignore[index]
    return course, batches


def _around(days: Days) -> tuple[date, ...]:
    """The UTC day and the days either side of it: the center's day is one of the sides."""
    return days.utc_day - timedelta(days=1), days.utc_day, days.utc_day + timedelta(days=1)


def test_the_offer_is_the_batch_starting_on_or_after_the_centers_today(db, days):
    course, _ = _course(db, *_around(days))

    found = offer_facts(db, course)

    assert found is not None
    assert offer_from(found, "https://files.example").course.starts_on == days.center_day


def test_an_interested_lead_is_linked_to_the_batch_starting_on_or_after_the_centers_today(db, days):
    course, batches = _course(db, *_around(days))
    lead = db.execute(LEAD, (course,)).fetchone()[0]  # type: ignore[index]
    db.execute("update public.automation_settings set send_payment_link_when_interested = true")
    routes = LinkRoutes("https://app.example/pay/result", "https://service.example")

    made = links_when_interested(db, [lead], routes, "instamojo", None)

    assert len(made) == 1
    assert db.execute(LINKED_BATCH, (made[0],)).fetchone()[0] == batches[days.center_day]  # type: ignore[index]


def test_a_campaign_reaches_a_lead_only_while_its_batch_has_not_started_at_the_center(db, days):
    # Ahead of UTC, the batch starts on the UTC day, which has passed at the center; behind, it starts on the
    # center's own day, still today there.
    starts = min(days.utc_day, days.center_day)
    course, _ = _course(db, starts)
    lead = db.execute(LEAD, (course,)).fetchone()[0]  # type: ignore[index]

    rows = audience_rows(db, Audience(lead_ids=(lead,)), Purpose(channel="email"))

    expected = None if starts >= days.center_day else "no course with an upcoming batch"
    assert [row["excluded_reason"] for row in rows] == [expected]
