"""Money an admin types is bounded: a link's fixed amount or discount, a course's fee, at most ₹1 crore."""

from __future__ import annotations

import psycopg
import pytest
import requests

from automation.money import MAX_FEE_PAISE
from tests.integration.payments.world import make_admin, make_center
from tests.support.tokens import user_token

SECRET = "secret-for-tests"  # settings_for_tests' JWT secret


def _post_link(stack, admin: str, body: dict) -> requests.Response:
    headers = {"Authorization": f"Bearer {user_token(SECRET, admin)}"}
    return requests.post(f"{stack.service_url}/admin/payment-links", json=body, headers=headers, timeout=10)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount_paise", 10**19),  # past the database's bigint
        ("amount_paise", MAX_FEE_PAISE + 1),
        ("discount_paise", 10**19),
        ("discount_paise", MAX_FEE_PAISE + 1),
    ],
)
def test_an_amount_past_the_ceiling_is_refused_by_name_with_what_is_allowed(stack, field, value):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
    body = {"batch_id": center.batch_id, "lead_id": center.lead_id, field: value, "pricing_note": "typo"}

    answer = _post_link(stack, admin, body)

    assert answer.status_code == 422
    assert answer.json()["error"]["fields"] == {
        field: f"Input should be less than or equal to {MAX_FEE_PAISE}"
    }
    assert stack.one("select count(*) from public.payments") == 0


SET_FEE = """
update public.courses set price_paise = %s where id = (select course_id from public.batches where id = %s)
"""


def test_a_course_fee_past_the_ceiling_is_refused_by_the_database(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        conn.execute(SET_FEE, (MAX_FEE_PAISE, center.batch_id))
        with pytest.raises(psycopg.errors.CheckViolation, match="courses_price_at_most_one_crore"):
            conn.execute(SET_FEE, (MAX_FEE_PAISE + 1, center.batch_id))
