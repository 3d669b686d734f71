"""How messages put a batch's week and first class into words."""

from __future__ import annotations

from automation.workflows.enrollment_messages import first_session
from automation.workflows.offers import schedule_text


def test_each_day_of_the_week_keeps_its_own_time():
    pattern = [
        {"weekday": 1, "start": "07:00", "minutes": 60},
        {"weekday": 6, "start": "10:30", "minutes": 90},
    ]
    assert schedule_text(pattern) == "Mondays at 07:00 and Saturdays at 10:30"
    three = [*pattern, {"weekday": 7, "start": "10:30", "minutes": 90}]
    assert schedule_text(three) == "Mondays at 07:00, Saturdays at 10:30 and Sundays at 10:30"
    assert schedule_text(pattern[:1]) == "Mondays at 07:00"
    assert schedule_text([]) == "schedule to be announced"


def test_a_first_class_not_yet_scheduled_promises_no_message():
    text = first_session({"first_starts_at": None})
    assert "follow" not in text
    assert "sign in" in text
