"""A center with one offered course and leads in every situation a campaign must tell apart."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest
from flask.testing import FlaskClient

from automation import create_app
from tests.integration.leads.conftest import add_offered_course
from tests.support.settings import settings_for_tests
from tests.support.tokens import user_token
from tests.support.users import add_user

SECRET = "secret-for-tests"
LEADS = """
insert into public.leads (full_name, email, phone, course_id, status, source, tags) values
  ('Ravi Kumar', 'ravi@example.com', '+919876500001', %(course)s, 'new', 'import', '{python}'),
  ('Meera Shah', 'meera@example.com', '+919876500002', %(course)s, 'interested', 'form', '{}'),
  ('Kiran Rao', 'kiran@example.com', null, %(course)s, 'new', 'import', '{python}'),
  ('Asha Nair', 'asha@example.com', '+919876500004', null, 'new', 'manual', '{}')
"""
OPT_OUT = """
insert into public.consents (lead_id, channel, state, source)
select id, 'whatsapp', 'opted_out', 'inbound_keyword' from public.leads where full_name = 'Ravi Kumar'
"""


@dataclass(frozen=True)
class Center:
    url: str
    admin: str
    student: str
    leads: dict[str, str]  # first name -> lead id

    def client(self) -> FlaskClient:
        settings = settings_for_tests(
            supabase_db_url=self.url, db_pool_min_size=0, supabase_jwt_secret=SECRET
        )
        return create_app(settings).test_client()

    def headers(self, user_id: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {user_token(SECRET, user_id)}"}


@pytest.fixture
def center(fresh_db_url: str) -> Center:
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        course = add_offered_course(conn)
        conn.execute(LEADS, {"course": course})
        conn.execute(OPT_OUT)
        leads = {name.split()[0]: str(lead_id) for lead_id, name in conn.execute(
            "select id, full_name from public.leads")}  # fmt: skip
        return Center(fresh_db_url, add_user(conn, "admin"), add_user(conn, "student"), leads)
