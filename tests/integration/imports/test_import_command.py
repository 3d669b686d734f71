"""`flask import-leads`: a dry run previews, a real run imports and leaves a report only when needed."""

from __future__ import annotations

import psycopg

from automation import create_app
from tests.support.settings import settings_for_tests

CSV = "Name,Email,Phone\nAsha,asha@example.com,9876543210\nRavi,ravi@,\n"


def _run(db_url: str, *args: str):
    app = create_app(settings_for_tests(supabase_db_url=db_url, db_pool_min_size=0))
    return app.test_cli_runner().invoke(args=["import-leads", *args])


def _leads(db_url: str) -> int:
    with psycopg.connect(db_url) as conn:
        return conn.execute("select count(*) from public.leads").fetchone()[0]  # type: ignore[index]


def test_dry_run_then_import(fresh_db_url, tmp_path):
    file = tmp_path / "leads.csv"
    file.write_text(CSV)
    preview = _run(fresh_db_url, str(file), "--dry-run")
    assert preview.exit_code == 0, preview.output
    assert "1 would be new leads" in preview.output
    assert _leads(fresh_db_url) == 0
    done = _run(fresh_db_url, str(file))
    assert "1 were new leads" in done.output
    assert _leads(fresh_db_url) == 1
    assert (tmp_path / "leads.csv.errors.csv").read_text().splitlines()[1].startswith("3,Email,")


def test_a_bad_mapping_is_a_clear_error(fresh_db_url, tmp_path):
    file = tmp_path / "leads.csv"
    file.write_text(CSV)
    result = _run(fresh_db_url, str(file), "--mapping", "Mobile=phone")
    assert result.exit_code == 1
    assert "mapped columns not in the header: Mobile" in result.output
    assert "Nothing was imported" in result.output


def test_a_nul_byte_in_a_value_rejects_that_row_and_names_its_column(fresh_db_url, tmp_path):
    file = tmp_path / "leads.csv"
    file.write_bytes(b"Name,Email\nAs\x00ha,asha@example.com\nRavi,ravi@example.com\n")
    result = _run(fresh_db_url, str(file))
    assert result.exit_code == 0, result.output
    assert "1 were new leads" in result.output
    assert "1 were rejected" in result.output
    rejected = (tmp_path / "leads.csv.errors.csv").read_text().splitlines()[1]
    assert rejected.startswith('2,Name,"holds a NUL byte (0x00), which is not text; delete it')
    assert _leads(fresh_db_url) == 1
