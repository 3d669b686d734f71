"""Two admins starting a run for one person at the same instant, one under the lead and one under the student
profile it became: the second waits for the first and is refused once it commits (decision 0694)."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor, wait

import psycopg
import pytest

from tests.integration.sequences.test_one_run_per_person import LEAD, PROFILE_RUN
from tests.integration.sequences.test_sequence_tick import ENROLL, SEQUENCE
from tests.support.users import add_user

WAITING = "select wait_event_type = 'Lock' from pg_stat_activity where pid = %s"
POLLS = 400  # of 50 ms each: a bound so that a broken lock hangs nothing


def _person(url: str) -> tuple[str, str, str]:
    """A sequence, and a student with the lead they converted from, committed: (sequence, lead, profile)."""
    with psycopg.connect(url, autocommit=True) as conn:
        sequence = conn.execute(SEQUENCE).fetchone()[0]
        profile = add_user(conn, "student")
        return sequence, conn.execute(LEAD, (profile,)).fetchone()[0], profile


def _settle(observer: psycopg.Connection, pid: int, insert: Future) -> None:
    """Returns once the insert of backend `pid` waits on a lock, or has finished."""
    for _ in range(POLLS):
        if observer.execute(WAITING, (pid,)).fetchone()[0] or wait([insert], timeout=0.05).done:
            return
    pytest.fail("the second insert neither finished nor waited on a lock")


@pytest.mark.parametrize("first", ["lead", "profile"])
def test_the_second_of_two_simultaneous_runs_for_one_person_is_refused(fresh_db_url, first):
    sequence, lead, profile = _person(fresh_db_url)
    runs = {"lead": (ENROLL, (sequence, lead)), "profile": (PROFILE_RUN, (sequence, profile))}
    second = runs["profile" if first == "lead" else "lead"]
    with (
        psycopg.connect(fresh_db_url) as one,
        psycopg.connect(fresh_db_url) as other,
        psycopg.connect(fresh_db_url, autocommit=True) as observer,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        one.execute(*runs[first])  # not committed yet: the other admin's transaction cannot see it
        insert = pool.submit(other.execute, *second)
        _settle(observer, other.info.backend_pid, insert)
        one.commit()

        with pytest.raises(psycopg.errors.UniqueViolation):
            insert.result()
        other.rollback()

    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute("select count(*) from public.sequence_enrollments").fetchone()[0] == 1


def test_a_run_is_keyed_by_the_lead_of_its_person_whatever_a_client_writes(db):
    sequence, profile = db.execute(SEQUENCE).fetchone()[0], add_user(db, "student")
    lead = db.execute(LEAD, (profile,)).fetchone()[0]
    db.execute(PROFILE_RUN, (sequence, profile))

    db.execute("update public.sequence_enrollments set person_key = gen_random_uuid()")

    assert db.execute("select person_key::text from public.sequence_enrollments").fetchone()[0] == lead
