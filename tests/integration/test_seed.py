"""supabase/seed.sql builds the promised demo center, with accounts Supabase Auth can sign in."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from automation.messages import catalog
from automation.messages.templates import environment
from automation.outbox.enqueue import render
from devstack.databases import load_seed
from devstack.summary import DEMO_PASSWORD
from tests.integration.outbox.fixtures import CENTER, COURSE


@pytest.fixture
def seeded(cluster, fresh_db_url):
    """A connection to a fresh clone of the migrated schema with the seed loaded."""
    assert load_seed(cluster, conninfo_to_dict(fresh_db_url)["dbname"])
    with psycopg.connect(fresh_db_url) as conn:
        yield conn


def _one(conn: psycopg.Connection, query: str):
    return conn.execute(query).fetchone()[0]


def test_the_center_has_the_promised_people_and_catalog(seeded):
    roles = dict(seeded.execute("select role::text, count(*) from public.profiles group by 1").fetchall())
    assert roles == {"admin": 1, "instructor": 2, "student": 60}
    assert _one(seeded, "select count(*) from public.courses where published") == 3
    assert _one(seeded, "select count(*) from public.batches") == 4
    assert _one(seeded, "select count(*) from public.leads") == 300
    assert _one(seeded, "select count(distinct student_id) from public.enrollments") == 60


def test_the_center_has_eight_weeks_of_teaching_and_business(seeded):
    first, last = seeded.execute("select min(starts_at), max(starts_at) from public.sessions").fetchone()
    assert (last - first).days >= 55
    assert _one(seeded, "select count(*) from public.sessions where status = 'completed'") > 0
    assert _one(seeded, "select count(*) from public.sessions where status = 'scheduled'") > 0
    for table in ("attendance", "assignment_submissions", "exam_attempts", "certificates", "support_tickets"):
        assert _one(seeded, f"select count(*) from public.{table}") > 0, table
    assert _one(seeded, "select count(*) from public.crm_messages where direction = 'inbound'") > 0
    assert _one(seeded, "select count(*) from public.payments where status = 'paid'") == 60
    assert _one(seeded, "select count(*) from public.payments where status in ('pending', 'failed')") > 0
    # The demo's open links exist at no provider: reconciliation must not ask about them every minute.
    unchecked = (
        "select count(*) from public.payments where status = 'pending' and next_status_check_at is not null"
    )
    assert _one(seeded, unchecked) == 0


def test_demo_accounts_can_sign_in_with_the_demo_password(seeded):
    rows = seeded.execute(
        """
        select u.email, u.encrypted_password = extensions.crypt(%s, u.encrypted_password),
               u.email_confirmed_at is not null, u.raw_app_meta_data ->> 'role' = p.role::text,
               u.raw_app_meta_data -> 'providers' = '["email"]', i.provider_id = u.id::text,
               (i.identity_data ->> 'email_verified')::boolean
          from auth.users u
          join public.profiles p on p.id = u.id
          join auth.identities i on i.user_id = u.id and i.provider = 'email'
        """,
        (DEMO_PASSWORD,),
    ).fetchall()
    assert len(rows) == 63
    assert all(email.endswith("@demo.coachbase.test") for email, *_ in rows)
    assert all(all(checks) for _, *checks in rows)
    assert "admin@demo.coachbase.test" in {email for email, *_ in rows}


def test_the_seed_leaves_derived_data_consistent(seeded):
    assert _one(seeded, "select private.recompute_lead_stages()") == 0
    seeded.rollback()
    mismatched = seeded.execute(
        """
        select b.name from public.batches b
         where b.active_enrollments <> (select count(*) from public.enrollments e
                                         where e.batch_id = b.id and e.status = 'active')
        """
    ).fetchall()
    assert mismatched == []


def test_every_sequence_step_names_a_template_its_channel_has(seeded):
    contact = catalog.Contact("lead-1", "Asha", "asha@example.com", "+919812345678")
    context = catalog.course_context(contact, COURSE, CENTER)  # what the sequences tick renders with
    steps = seeded.execute("select channel::text, template from public.sequence_steps").fetchall()
    assert steps
    for channel, template in steps:  # a missing template raises TemplateNotFound: the tick skips it
        render(catalog.Channel(channel), template, context)


def test_the_demo_timeline_names_real_templates(seeded):
    named = seeded.execute("select distinct template from public.crm_messages where template is not null")
    folders = {path.split("/")[1] for path in environment.list_templates() if path.startswith("messages/")}
    assert {row[0] for row in named} <= folders
