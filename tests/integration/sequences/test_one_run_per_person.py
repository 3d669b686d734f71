"""One active run per person in a sequence, whether it is keyed by their lead or by the student profile the
lead became (decision 0677): a second is refused, campaigns leave the person out, imports skip them."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.rows import dict_row

from automation.workflows.audiences import Audience, Purpose, preview_audience
from tests.integration.sequences.test_sequence_tick import ENROLL, SEQUENCE
from tests.support.users import add_user

LEAD = """
insert into public.leads (full_name, email, converted_profile_id) values ('Asha Rao', 'asha@example.com', %s)
returning id::text
"""
PROFILE_RUN = """
insert into public.sequence_enrollments (sequence_id, profile_id, next_position, next_due_at)
values (%s, %s, 1, now() + interval '1 day')
"""
STOP = """
update public.sequence_enrollments
   set status = 'stopped', stop_reason = 'manual', next_position = null, next_due_at = null
"""


def _person(db: psycopg.Connection) -> tuple[str, str, str]:
    """A sequence, and a student with the lead they converted from: (sequence, lead, profile)."""
    sequence = db.execute(SEQUENCE).fetchone()[0]
    profile = add_user(db, "student")
    return sequence, db.execute(LEAD, (profile,)).fetchone()[0], profile


@pytest.mark.parametrize("first", ["lead", "profile"])
def test_a_person_in_a_sequence_under_one_id_is_refused_under_the_other(db, first):
    sequence, lead, profile = _person(db)
    runs = {"lead": (ENROLL, lead), "profile": (PROFILE_RUN, profile)}
    second = "profile" if first == "lead" else "lead"
    db.execute(runs[first][0], (sequence, runs[first][1]))

    with pytest.raises(psycopg.errors.UniqueViolation, match="already in this sequence"), db.transaction():
        db.execute(runs[second][0], (sequence, runs[second][1]))

    db.execute(STOP)
    db.execute(runs[second][0], (sequence, runs[second][1]))  # once the first run ended, a new one starts


def test_a_campaign_leaves_out_a_lead_whose_student_profile_is_in_the_sequence(db):
    sequence, lead, profile = _person(db)
    db.execute(PROFILE_RUN, (sequence, profile))
    db.row_factory = dict_row

    preview = preview_audience(db, Audience(lead_ids=(lead,)), Purpose(sequence_id=sequence))

    assert (preview.reachable, preview.excluded) == (0, {"already in this sequence": 1})
