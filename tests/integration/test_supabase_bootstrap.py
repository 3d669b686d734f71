"""The devstack database behaves like Supabase's: roles, auth helpers, storage helpers, RLS defaults."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import psycopg
import pytest

from devstack.migrations import apply_pending
from tests.support.roles import acting_as, refused, user_claims

ADD_USER = "insert into auth.users (id, aud, role, email) values (%s, 'authenticated', 'authenticated', %s)"
UPLOAD = "insert into storage.objects (bucket_id, name) values ('note-files', %s)"
SUPABASE_STYLE = Path(__file__).parent.parent / "fixtures" / "supabase_style"


@pytest.fixture
def conn(bare_supabase_db: str):
    with psycopg.connect(bare_supabase_db) as conn:
        yield conn
        conn.rollback()


def test_auth_helpers_read_claims_set_the_postgrest_way(conn):
    user_id = str(uuid.uuid4())
    claims = user_claims(user_id, "asha@example.com", app_metadata={"role": "admin"})
    with acting_as(conn, "authenticated", claims):
        uid, role, email, jwt = conn.execute(
            "select auth.uid(), auth.role(), auth.email(), (select auth.jwt())"
        ).fetchone()
        current_role = conn.execute("select current_user").fetchone()[0]
    assert str(uid) == user_id
    assert role == "authenticated"
    assert email == "asha@example.com"
    assert jwt["app_metadata"] == {"role": "admin"}
    assert jwt["sub"] == user_id
    assert current_role == "authenticated"


def test_auth_helpers_read_the_legacy_per_claim_settings(conn):
    user_id = str(uuid.uuid4())
    conn.execute("select set_config('request.jwt.claim.sub', %s, true)", (user_id,))
    conn.execute("select set_config('request.jwt.claim.role', 'authenticated', true)")
    conn.execute("select set_config('request.jwt.claim', %s, true)", (json.dumps({"sub": user_id}),))
    uid, role, jwt = conn.execute("select auth.uid(), auth.role(), auth.jwt()").fetchone()
    assert (str(uid), role, jwt) == (user_id, "authenticated", {"sub": user_id})


def test_auth_helpers_are_null_without_claims(conn):
    assert conn.execute("select auth.uid(), auth.role(), auth.jwt()").fetchone() == (None, None, None)


def test_anon_sees_nothing_of_a_table_with_rls_and_no_policy(conn):
    conn.execute("create table public.locked (id int primary key)")
    conn.execute("alter table public.locked enable row level security")
    conn.execute("insert into public.locked values (1), (2)")
    with acting_as(conn, "anon"):
        assert conn.execute("select count(*) from public.locked").fetchone()[0] == 0
        with refused(conn):
            conn.execute("insert into public.locked values (3)")
    with acting_as(conn, "service_role"):
        assert conn.execute("select count(*) from public.locked").fetchone()[0] == 2


def test_roles_have_supabase_attributes(conn):
    rows = conn.execute(
        "select rolname, rolcanlogin, rolinherit, rolbypassrls from pg_roles"
        " where rolname in ('anon', 'authenticated', 'service_role', 'authenticator')"
    ).fetchall()
    attributes = {name: (login, inherit, bypass) for name, login, inherit, bypass in rows}
    assert attributes == {
        "anon": (False, True, False),
        "authenticated": (False, True, False),
        "service_role": (False, True, True),
        "authenticator": (True, False, False),
    }
    members = conn.execute(
        "select r.rolname from pg_auth_members m join pg_roles r on r.oid = m.roleid"
        " join pg_roles u on u.oid = m.member where u.rolname = 'authenticator'"
    ).fetchall()
    assert {"anon", "authenticated", "service_role"} <= {name for (name,) in members}


def test_storage_path_helpers(conn):
    folder, file, extension = conn.execute(
        "select storage.foldername('u1/reports/may.final.pdf'),"
        " storage.filename('u1/reports/may.final.pdf'), storage.extension('u1/reports/may.final.pdf')"
    ).fetchone()
    assert (folder, file, extension) == (["u1", "reports"], "may.final.pdf", "pdf")


def test_direct_storage_deletes_are_refused(conn):
    conn.execute("insert into storage.buckets (id, name) values ('b', 'b')")
    with refused(conn, match="Direct deletion"):
        conn.execute("delete from storage.buckets where id = 'b'")
    conn.execute("select set_config('storage.allow_delete_query', 'true', true)")
    conn.execute("delete from storage.buckets where id = 'b'")


def test_realtime_publication_and_extensions_exist(conn):
    assert (
        conn.execute("select count(*) from pg_publication where pubname = 'supabase_realtime'").fetchone()[0]
        == 1
    )
    installed = {name for (name,) in conn.execute("select extname from pg_extension")}
    assert {"pgcrypto", "uuid-ossp"} <= installed
    available = {name for (name,) in conn.execute("select name from pg_available_extensions")}
    assert {"pg_cron", "pgtap"} <= available
    assert conn.execute("show wal_level").fetchone()[0] == "logical"


def test_a_migration_written_for_supabase_applies_unchanged(bare_supabase_db):
    applied = apply_pending(bare_supabase_db, SUPABASE_STYLE)
    assert [m.name for m in applied] == ["create_notes"]
    owner, intruder, admin = (str(uuid.uuid4()) for _ in range(3))
    with psycopg.connect(bare_supabase_db) as conn:
        for user in (owner, intruder, admin):
            conn.execute(ADD_USER, (user, f"{user}@example.com"))
        with acting_as(conn, "authenticated", user_claims(owner)):
            conn.execute("insert into public.notes (body) values ('mine')")
            conn.execute(UPLOAD, (f"{owner}/a.txt",))
            assert conn.execute("select count(*) from public.notes").fetchone()[0] == 1
        with acting_as(conn, "authenticated", user_claims(intruder)):
            assert conn.execute("select count(*) from public.notes").fetchone()[0] == 0
            with refused(conn):
                conn.execute(UPLOAD, (f"{owner}/b.txt",))
        with acting_as(conn, "authenticated", user_claims(admin, app_metadata={"role": "admin"})):
            assert conn.execute("select count(*) from public.notes").fetchone()[0] == 1
        with acting_as(conn, "anon"):
            assert conn.execute("select count(*) from public.notes").fetchone()[0] == 0
            assert conn.execute("select count(*) from public.secrets").fetchone()[0] == 0
