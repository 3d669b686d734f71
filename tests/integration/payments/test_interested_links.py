"""Marking a lead interested sends its payment link at once when the center's setting is on, only then."""

from __future__ import annotations

import pytest
import requests

from tests.integration.payments.world import make_admin, make_center
from tests.support.tokens import user_token

SECRET = "secret-for-tests"  # settings_for_tests' JWT secret
LINKS = "select count(*) from public.payments where lead_id = %s"
REQUESTS = """
select count(*) from public.outbox o join public.payments p on o.cause_id = p.id::text
 where p.lead_id = %s and o.operation = 'create_payment_link'
"""


def _mark(stack, admin: str, lead: str, status: str) -> requests.Response:
    headers = {"Authorization": f"Bearer {user_token(SECRET, admin)}"}
    url = f"{stack.service_url}/admin/leads/{lead}"
    return requests.patch(url, json={"status": status}, headers=headers, timeout=10)


@pytest.mark.parametrize("setting", [True, False])
def test_an_interested_lead_gets_a_link_for_the_next_batch_only_with_the_setting_on(stack, setting):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        conn.execute("update public.leads set status = 'contacted' where id = %s", (center.lead_id,))
        setting_sql = "update public.automation_settings set send_payment_link_when_interested = %s"
        conn.execute(setting_sql, [setting])

    answer = _mark(stack, admin, center.lead_id, "interested")

    assert answer.status_code == 200
    made = answer.json().get("payment_id")
    if not setting:
        assert made is None
        assert stack.one(LINKS, center.lead_id) == 0
        return
    batch = stack.one("select batch_id::text from public.payments where id = %s", made)
    assert batch == center.batch_id
    assert stack.one(REQUESTS, center.lead_id) == 1
    again = _mark(stack, admin, center.lead_id, "interested")  # marked twice: still one link
    assert "payment_id" not in again.json()
    assert stack.one(LINKS, center.lead_id) == 1


# Beside the center's lead: one with a link already out, one without a course, one on a free course (no link
# can be made for it), all contacted and on their way to interested.
OTHERS = """
with free as (
  insert into public.courses (slug, title, price_paise) values ('free-taster', 'Free Taster', 0) returning id
), free_batch as (
  insert into public.batches (course_id, name, starts_on, weekly_pattern, status)
  select id, 'Taster', current_date + 5, '[{"weekday": 6, "start": "10:00", "minutes": 60}]', 'open' from free
)
insert into public.leads (full_name, email, course_id, status)
select v.name, v.email, case v.course when 'paid' then l.course_id when 'free' then free.id end, 'contacted'
  from (values ('Linked Lead', 'linked@example.com', 'paid'), ('No Course', 'nocourse@example.com', null),
               ('Free Lead', 'free@example.com', 'free')) as v(name, email, course)
  cross join free cross join public.leads l
 where l.id = %s
returning id::text, full_name
"""
OPEN_LINK = """
insert into public.payments (lead_id, batch_id, provider, amount_paise, list_price_paise, status)
values (%s, %s, 'instamojo', 1250000, 1250000, 'created')
"""


def _mark_many(stack, admin: str, leads: list[str], status: str) -> requests.Response:
    headers = {"Authorization": f"Bearer {user_token(SECRET, admin)}"}
    body = {"audience": {"lead_ids": leads}, "status": status}
    return requests.post(f"{stack.service_url}/admin/lead-selections/status", json=body, headers=headers,
                         timeout=10)  # fmt: skip


# The batch of each link the admin made for the leads (the open link above was not theirs).
MADE = "select batch_id::text from public.payments where lead_id = any(%s::uuid[]) and created_by = %s"
SETTING = "update public.automation_settings set send_payment_link_when_interested = %s"


@pytest.mark.parametrize("setting", [True, False])
def test_leads_marked_interested_together_get_links_by_the_same_rules_as_one(stack, setting):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        conn.execute("update public.leads set status = 'contacted' where id = %s", (center.lead_id,))
        others = {name: lead for lead, name in conn.execute(OTHERS, (center.lead_id,))}
        conn.execute(OPEN_LINK, (others["Linked Lead"], center.batch_id))
        conn.execute(SETTING, [setting])
    leads = [center.lead_id, *others.values()]

    answer = _mark_many(stack, admin, leads, "interested")

    assert answer.status_code == 200
    assert answer.json() == {"changed": 4, "payment_links_started": 1 if setting else 0}
    with stack.connect() as conn:
        made = [batch for (batch,) in conn.execute(MADE, (leads, admin))]
    assert made == ([center.batch_id] if setting else [])
    assert stack.one(REQUESTS, center.lead_id) == (1 if setting else 0)
    again = _mark_many(stack, admin, leads, "interested")  # nobody moves again: no more links
    assert again.json() == {"changed": 0, "payment_links_started": 0}
