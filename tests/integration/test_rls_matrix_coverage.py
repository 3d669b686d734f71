"""Every table in public has an RLS matrix in the pgTAP suite, so a new table cannot slip in untested."""

from __future__ import annotations

import re

from devstack.pgtap import TESTS_DIR, discover_test_files

MATRIX_CALL = re.compile(r"tests\.rls_matrix\('public\.(\w+)'")


def test_every_public_table_has_an_rls_matrix(db):
    tables = {
        name
        for (name,) in db.execute(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = 'public' and c.relkind in ('r', 'p')"
        )
    }
    covered = {
        match for path in discover_test_files(TESTS_DIR) for match in MATRIX_CALL.findall(path.read_text())
    }
    assert tables - covered == set(), "add a tests.rls_matrix(...) for these tables to supabase/tests"
    assert covered - tables == set(), "these matrices name tables that do not exist"


def test_every_storage_bucket_has_an_rls_matrix(db):
    buckets = {bucket for (bucket,) in db.execute("select id from storage.buckets")}
    storage_tests = (TESTS_DIR / "21-storage.test.sql").read_text()
    covered = set(re.findall(r"\], '([\w-]+)'\);", storage_tests))
    assert buckets == covered
