"""The migrations runner: order, history, skipping, and failures that name file and line."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from devstack.migrations import MigrationError, apply_pending, discover

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _history(url: str) -> list[tuple[str, str]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "select version, name from supabase_migrations.schema_migrations order by version"
        ).fetchall()


def test_applies_in_order_records_history_and_skips_what_is_applied(bare_supabase_db, tmp_path):
    for name, sql in [
        ("20250102000000_second.sql", "create table two (id int references one);"),
        ("20250101000000_first.sql", "create table one (id int primary key);"),
        ("notes.txt", "not a migration"),
    ]:
        (tmp_path / name).write_text(sql)
    assert [m.name for m in apply_pending(bare_supabase_db, tmp_path)] == ["first", "second"]
    assert apply_pending(bare_supabase_db, tmp_path) == []
    assert _history(bare_supabase_db) == [("20250101000000", "first"), ("20250102000000", "second")]
    with psycopg.connect(bare_supabase_db) as conn:
        statements = conn.execute(
            "select statements from supabase_migrations.schema_migrations where name = 'first'"
        ).fetchone()[0]
    assert statements == ["create table one (id int primary key);"]


def test_a_broken_migration_is_reported_by_name_and_line_and_changes_nothing(bare_supabase_db):
    with pytest.raises(MigrationError) as failure:
        apply_pending(bare_supabase_db, FIXTURES / "broken")
    error = failure.value
    assert error.migration.path.name == "20250102000000_create_broken.sql"
    assert error.line == 5
    assert str(error).startswith("20250102000000_create_broken.sql:5: ")
    assert 'relation "public.table_that_does_not_exist" does not exist' in str(error)
    assert _history(bare_supabase_db) == [("20250101000000", "create_ok")]
    with psycopg.connect(bare_supabase_db) as conn:
        tables = conn.execute(
            "select to_regclass('public.kept'), to_regclass('public.half_written')"
        ).fetchone()
    assert tables == ("kept", None)


def test_discover_ignores_files_without_a_version(tmp_path):
    (tmp_path / "readme.sql").write_text("select 1;")
    (tmp_path / "20250101000000_real.sql").write_text("select 1;")
    assert [m.version for m in discover(tmp_path)] == ["20250101000000"]
