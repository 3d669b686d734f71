"""CSV imports against real Postgres: set-based merge, dedupe, error report, dry run, all-or-nothing."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from automation.db import create_pool
from automation.workflows import import_records
from automation.workflows.lead_import import ImportOptions, import_leads
from tests.support.settings import settings_for_tests

GOOD = (
    "\ufeffStudent Name;E-mail;Mobile No;City\r\n"
    "Asha Rao;asha@example.com;98765 43210;Pune\r\n"
    "Ravi;ravi@;9876500001;Delhi\r\n"  # bad email
    "Asha R;ASHA@example.com;;\r\n"  # repeats line 2
    "Meera;meera@example.com;+91 98765 00002;\r\n"  # already a lead, by phone
    ";;;\r\n"  # blank lines are skipped
    "Kiran;;12;Goa\r\n"  # bad phone
)


RACE = "Name,Email,City\r\nRace,race@example.com,Pune\r\nCalm,calm@example.com,Goa\r\n"
KNOWN_LEAD = "insert into public.leads (full_name, phone, source) values ('', '+919876500002', 'manual')"
LEAD_BY_EMAIL = "select full_name, phone, city, source::text from public.leads where email = %s"
LEAD_BY_PHONE = "select full_name, email::text from public.leads where phone = %s"
REPORT = "imports/x.errors.csv"
IMPORT_ROW = "select status::text, rows_read, rows_rejected, error_report_path from public.lead_imports"


@pytest.fixture
def pool(fresh_db_url: str) -> Iterator[ConnectionPool]:
    pool = create_pool(settings_for_tests(supabase_db_url=fresh_db_url, db_pool_min_size=0))
    pool.open()
    with pool.connection() as conn:
        conn.execute(KNOWN_LEAD)
    yield pool
    pool.close()


def _import(pool: ConnectionPool, text: str | bytes, **options):
    with pool.connection() as conn:
        import_id = import_records.create_import(conn, "imports/test.csv", "test.csv")
    data = text.encode() if isinstance(text, str) else text
    return import_leads(pool, io.BytesIO(data), import_id, ImportOptions(**options))


def _one(pool: ConnectionPool, query: str, *params):
    with pool.connection() as conn:
        return conn.execute(query, params).fetchone()


def test_an_import_inserts_merges_and_rejects_in_one_pass(pool):
    report = io.StringIO()
    result = _import(pool, GOOD, error_report=report, error_report_path=REPORT)
    assert (result.read, result.inserted, result.merged, result.rejected) == (5, 1, 2, 2)
    assert result.duplicates_in_file == 1
    assert list(result.mapping.values()) == ["full_name", "email", "phone", "city"]
    lead = _one(pool, LEAD_BY_EMAIL, "asha@example.com")
    assert lead == {"full_name": "Asha Rao", "phone": "+919876543210", "city": "Pune", "source": "import"}
    assert _one(pool, LEAD_BY_PHONE, "+919876500002") == {"full_name": "Meera", "email": "meera@example.com"}
    row = _one(pool, IMPORT_ROW)
    assert row == {
        "status": "completed",
        "rows_read": 5,
        "rows_rejected": 2,
        "error_report_path": "imports/x.errors.csv",
    }
    assert _one(pool, "select count(*) as n from private.lead_import_rows")["n"] == 0
    lines = report.getvalue().splitlines()
    assert lines[0] == "line,column,reason"
    assert lines[1].startswith("3,E-mail,")
    assert lines[2].startswith("7,Mobile No,")


def test_a_dry_run_counts_everything_and_changes_no_lead(pool):
    result = _import(pool, GOOD, dry_run=True)
    assert (result.inserted, result.merged, result.rejected) == (1, 2, 2)
    assert _one(pool, "select count(*) as n from public.leads")["n"] == 1
    assert _one(pool, "select status::text, rows_inserted from public.lead_imports") == {
        "status": "previewed", "rows_inserted": 1}  # fmt: skip


def test_importing_the_same_file_twice_never_duplicates(pool):
    _import(pool, GOOD)
    again = _import(pool, GOOD)
    assert (again.inserted, again.merged) == (0, 3)
    assert _one(pool, "select count(*) as n from public.leads")["n"] == 2


def test_an_address_known_in_other_letter_case_is_merged_not_inserted(pool):
    with pool.connection() as conn:
        conn.execute("insert into public.leads (email, full_name) values ('Nila@Example.com', '')")
    result = _import(pool, "Name,Email,City\r\nNila,nila@example.com,Pune\r\n")
    assert (result.inserted, result.merged) == (0, 1)
    assert _one(pool, LEAD_BY_EMAIL, "NILA@EXAMPLE.COM") == {
        "full_name": "Nila", "phone": None, "city": "Pune", "source": "manual"}  # fmt: skip


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (GOOD + "Late;late@example.com;9876500009;Pune;extra\r\n", "line 8: 5 fields where the header has 4"),
        (GOOD.encode("utf-8") + "Zoë;zoe@example.com;;\r\n".encode("latin-1"), "not utf-8-sig text"),
        (b"\x80" + os.urandom(200_000), "line 1"),  # not a BOM, not UTF-8: its first byte is bad
        ("name,email\n" + "x" * 200_000 + "\n", "field larger than field limit"),
        ("who|what|where\nAsha|x|y\n", "no email or phone column"),
        ("Name,Phone,Email,Phone\r\nAsha,+919812345678,,\r\n", "line 1: 'Phone' heads columns 2 and 4"),
        ("Name,Email,No\x00tes\r\nAsha,asha@example.com,x\r\n", "line 1: a header holds a NUL byte"),
    ],
    ids=[
        "ragged",
        "encoding",
        "binary-junk",
        "huge-field",
        "no-contact-column",
        "repeated-header",
        "nul-header",
    ],
)
def test_a_malformed_file_gets_a_clear_error_and_writes_nothing(pool, content, says):
    with pytest.raises(ValueError, match=says):
        _import(pool, content)
    assert _one(pool, "select count(*) as n from public.leads")["n"] == 1
    assert _one(pool, "select count(*) as n from private.lead_import_rows")["n"] == 0
    failed = _one(pool, "select status::text, error_message from public.lead_imports")
    assert failed["status"] == "failed"
    assert says in failed["error_message"]


def test_an_explicit_mapping_overrides_the_headers(pool):
    text = "who,reach\nAsha,asha@example.com\n"
    result = _import(pool, text, mapping=["who=full_name", "reach=email"])
    assert (result.inserted, result.mapping) == (1, {"who": "full_name", "reach": "email"})


def test_the_imported_leads_start_the_follow_up_sequence(pool):
    with pool.connection() as conn:
        sequence = conn.execute(
            "insert into public.sequences (key, name) values ('cta_follow_up', 'Follow-up') returning id"
        ).fetchone()["id"]
        conn.execute(
            "insert into public.sequence_steps (sequence_id, position, delay, channel, template)"
            " values (%s, 1, interval '1 day', 'email', 'follow_up_day_1')",
            (sequence,),
        )
    _import(pool, GOOD, start_sequence="cta_follow_up")
    runs = _one(pool, "select count(*) as n, min(next_position) as p from public.sequence_enrollments")
    assert runs == {"n": 2, "p": 1}


def test_progress_is_committed_while_the_import_runs(pool, monkeypatch):
    monkeypatch.setattr("automation.workflows.lead_import.PROGRESS_EVERY", 2)
    seen: list[int] = []

    def watch(rows: int) -> None:
        import_records.record_progress(pool, import_id, rows)
        with psycopg.connect(pool.conninfo) as other:
            seen.append(other.execute("select rows_read from public.lead_imports").fetchone()[0])

    with pool.connection() as conn:
        import_id = import_records.create_import(conn, "imports/test.csv", "test.csv")
    import_leads(pool, io.BytesIO(GOOD.encode()), import_id, ImportOptions(on_progress=watch))
    assert seen == [2, 4]


def test_progress_commits_are_spaced_by_rows(pool):
    with pool.connection() as conn:
        import_id = import_records.create_import(conn, "imports/test.csv", "test.csv")
    record = import_records.ProgressRecorder(pool, import_id, rows=3, seconds=float("inf"))
    seen = []
    for rows in range(1, 8):
        record(rows)
        seen.append(_one(pool, "select rows_read as n from public.lead_imports")["n"])
    assert seen == [0, 0, 3, 3, 3, 6, 6]


WAITING_ON_A_LOCK = """
select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
"""


def test_a_contact_added_by_another_transaction_during_the_merge_is_merged_not_duplicated(pool):
    """The form inserts race@ after the import matched its contacts but before it inserted them."""
    with psycopg.connect(pool.conninfo) as form:
        form.execute(
            "insert into public.leads (full_name, email, source) values ('Form', 'race@example.com', 'form')"
        )
        outcome: dict = {}
        worker = threading.Thread(target=lambda: outcome.update(result=_import(pool, RACE)))
        worker.start()
        while worker.is_alive() and _one(pool, WAITING_ON_A_LOCK)["n"] == 0:  # the insert waits for the form
            worker.join(0.05)
        form.commit()
    worker.join()
    assert (outcome["result"].inserted, outcome["result"].merged) == (1, 1)
    assert _one(pool, "select count(*) as n from public.leads where email = 'race@example.com'")["n"] == 1
    assert _one(pool, "select city from public.leads where email = 'race@example.com'")["city"] == "Pune"


def test_an_import_cancelled_while_it_runs_stops_and_imports_nothing(pool, monkeypatch):
    monkeypatch.setattr("automation.workflows.lead_import.PROGRESS_EVERY", 2)
    with pool.connection() as conn:
        import_id = import_records.create_import(conn, "imports/test.csv", "test.csv")

    def cancel_then_report(rows: int) -> None:
        with pool.connection() as conn:
            conn.execute("update public.lead_imports set status = 'cancelled' where id = %s", (import_id,))
        import_records.record_progress(pool, import_id, rows)

    with pytest.raises(import_records.ImportCancelled):
        import_leads(
            pool, io.BytesIO(GOOD.encode()), import_id, ImportOptions(on_progress=cancel_then_report)
        )
    assert _one(pool, "select status::text, rows_read from public.lead_imports") == {
        "status": "cancelled", "rows_read": 0}  # fmt: skip
    assert _one(pool, "select count(*) as n from public.leads")["n"] == 1
    assert _one(pool, "select count(*) as n from private.lead_import_rows")["n"] == 0


def _numbered(rows: int) -> list[bytes]:
    return [b"Name,Email\r\n"] + [f"Lead {n},lead{n}@example.com\r\n".encode() for n in range(2, rows + 2)]


@pytest.mark.parametrize("bad_line", [2, 2001, 20001])
def test_bytes_that_are_not_utf8_are_reported_on_their_own_line(pool, bad_line):
    lines = _numbered(25_000)
    lines[bad_line - 1] = f"Zoë {bad_line},zoe@example.com\r\n".encode("latin-1")
    with pytest.raises(ValueError, match=f"^line {bad_line}: the bytes are not utf-8 text"):
        _import(pool, b"".join(lines))
    assert _one(pool, "select count(*) as n from public.leads")["n"] == 1


def test_an_import_cancelled_before_its_first_progress_commit_imports_nothing(pool):
    """Fewer rows than a progress commit: only the check before the merge sees the cancel."""
    with pool.connection() as conn:
        import_id = import_records.create_import(conn, "imports/test.csv", "test.csv")
        conn.execute("update public.lead_imports set status = 'cancelled' where id = %s", (import_id,))
    with pytest.raises(import_records.ImportCancelled):
        import_leads(pool, io.BytesIO(b"".join(_numbered(300))), import_id, ImportOptions())
    assert _one(pool, "select status::text from public.lead_imports")["status"] == "cancelled"
    assert _one(pool, "select count(*) as n from public.leads")["n"] == 1
    assert _one(pool, "select count(*) as n from private.lead_import_rows")["n"] == 0


def test_a_cancel_sent_during_the_merge_waits_and_is_refused_once_the_import_completed(pool):
    """The import holds its row from its check before the merge to its commit: a cancel sent meanwhile
    waits for the outcome, and a completed import (its leads are in) refuses it."""
    outcome: dict = {}
    with psycopg.connect(pool.conninfo) as form:
        form.execute("insert into public.leads (email, source) values ('lead2@example.com', 'form')")
        worker = threading.Thread(target=lambda: outcome.update(result=_import(pool, b"".join(_numbered(3)))))
        worker.start()
        while worker.is_alive() and _one(pool, WAITING_ON_A_LOCK)["n"] == 0:  # the merge waits for the form
            worker.join(0.05)
        cancel = threading.Thread(target=_cancel_every_import, args=(pool.conninfo, outcome))
        cancel.start()
        while cancel.is_alive() and _one(pool, WAITING_ON_A_LOCK)["n"] < 2:  # the cancel waits for the import
            cancel.join(0.05)
        form.commit()
    worker.join()
    cancel.join()
    assert (outcome["result"].inserted, outcome["result"].merged) == (2, 1)
    assert "already completed" in str(outcome["cancel"])
    assert _one(pool, "select status::text from public.lead_imports")["status"] == "completed"


def _cancel_every_import(conninfo: str, outcome: dict) -> None:
    try:
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute("update public.lead_imports set status = 'cancelled'")
    except psycopg.errors.CheckViolation as refused:
        outcome["cancel"] = refused
