"""The center's GSTIN: the database keeps the rule receipts and the settings form apply, case by case."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from automation.receipts.gst import valid_gstin
from tests.support.roles import acting_as, refused, user_claims
from tests.support.users import add_user

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "gstin_cases.json"
CASES = json.loads(FIXTURE.read_text())["cases"]
SAVE = "update public.center_settings set gstin = %s returning gstin"


@pytest.mark.parametrize("case", CASES, ids=[case["why"] for case in CASES])
def test_the_database_the_receipts_and_the_cases_agree(db, case):
    assert db.execute("select private.is_gstin(%s)", (case["gstin"],)).fetchone()[0] is case["valid"]
    assert valid_gstin(case["gstin"]) is case["valid"]


def test_an_admin_saves_a_valid_gstin_and_not_one_with_a_wrong_check_character(db):
    admin = add_user(db, "admin")
    with acting_as(db, "authenticated", user_claims(admin)):
        assert db.execute(SAVE, ("27AAAAA0000A1Z2",)).fetchone() == ("27AAAAA0000A1Z2",)
    with refused(db, psycopg.errors.CheckViolation), acting_as(db, "authenticated", user_claims(admin)):
        db.execute(SAVE, ("27AAAAA0000A1Z5",))
    assert db.execute("update public.center_settings set gstin = null returning gstin").fetchone() == (None,)
