"""Campaigns started before their request ids were remembered (migration 20261122020000) keep their ids: a
retry still answers with the campaign, reusing the id for another campaign is refused."""

from __future__ import annotations

from pathlib import Path

import psycopg

from devstack.migrations import MIGRATIONS_DIR, apply_pending
from tests.integration.campaigns.conftest import LEADS, Center
from tests.integration.campaigns.test_campaign_request_id_reuse import FIRST
from tests.integration.leads.conftest import add_offered_course
from tests.support.users import add_user

REMEMBERING = "20261122020000"
# What FIRST asks, as a campaign sent before the migration kept it.
OLD_CAMPAIGN = """
insert into public.campaigns (name, channel, template, audience, request_id, recipients)
values ('Batch starts soon', 'email', 'follow_up_day_3', '{"created_from": "2000-01-01T00:00:00+05:30"}',
        'campaign-0001', 3)
returning id::text
"""


def test_a_campaign_sent_before_the_migration_keeps_its_request_id(bare_supabase_db: str, tmp_path: Path):
    for migration in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if migration.name < REMEMBERING:
            (tmp_path / migration.name).symlink_to(migration)
    apply_pending(bare_supabase_db, tmp_path)
    with psycopg.connect(bare_supabase_db, autocommit=True) as conn:
        old = conn.execute(OLD_CAMPAIGN).fetchone()[0]
    apply_pending(bare_supabase_db)
    with psycopg.connect(bare_supabase_db, autocommit=True) as conn:
        conn.execute(LEADS, {"course": add_offered_course(conn)})
        center = Center(bare_supabase_db, add_user(conn, "admin"), add_user(conn, "student"), {})
    client, headers = center.client(), center.headers(center.admin)
    reused = client.post("/admin/campaigns", json=FIRST | {"template": "follow_up_day_7"}, headers=headers)
    assert (reused.status_code, reused.json["error"]["code"]) == (409, "request_id_reused")
    retried = client.post("/admin/campaigns", json=FIRST, headers=headers)
    assert (retried.status_code, retried.json["id"], retried.json["created"]) == (200, old, False)
    with psycopg.connect(bare_supabase_db) as conn:
        assert conn.execute("select count(*) from public.outbox").fetchone() == (0,)
