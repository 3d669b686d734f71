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
