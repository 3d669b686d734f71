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


# Written only by the service (its own connection and the service role, which RLS does not bind):
# admins read them, and act on the outbox through the service's /admin/outbox endpoints.
SERVICE_WRITTEN = ("outbox", "email_logs", "whatsapp_logs", "call_logs", "webhook_events")


def test_tables_only_the_service_writes_have_read_policies_only(db):
    policies = db.execute(
        "select tablename::text, cmd from pg_policies where schemaname = 'public' and tablename = any(%s)",
        (list(SERVICE_WRITTEN),),
    ).fetchall()
    assert sorted(policies) == sorted((table, "SELECT") for table in SERVICE_WRITTEN)


def test_api_roles_cannot_write_the_outbox_even_past_rls(db):
    granted = db.execute(
        "select r, p from unnest(array['anon', 'authenticated']) r,"
        " unnest(array['insert', 'update', 'delete']) p where has_table_privilege(r, 'public.outbox', p)"
    ).fetchall()
    assert granted == []
    assert db.execute("select has_table_privilege('service_role', 'public.outbox', 'update')").fetchone()[0]
