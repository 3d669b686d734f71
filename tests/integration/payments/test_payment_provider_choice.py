"""New payment links go through the provider chosen on the Settings page when its credentials are set."""

from __future__ import annotations

import psycopg
import pytest

from automation.workflows.payment_provider import PaymentsUnavailable, provider_for_new_links


def _choose(conn: psycopg.Connection, provider: str) -> None:
    conn.execute("update public.automation_settings set payment_provider = %s", (provider,))


def test_the_admins_choice_wins_when_its_credentials_are_set(db: psycopg.Connection):
    _choose(db, "phonepe")
    assert provider_for_new_links(db, {"instamojo", "phonepe"}, default="instamojo") == "phonepe"


def test_a_choice_without_credentials_falls_back_to_the_deployments_provider(db: psycopg.Connection):
    _choose(db, "phonepe")
    assert provider_for_new_links(db, {"instamojo"}, default="instamojo") == "instamojo"


def test_no_usable_provider_says_what_to_set(db: psycopg.Connection):
    _choose(db, "phonepe")
    with pytest.raises(PaymentsUnavailable, match="Settings → Provider credentials"):
        provider_for_new_links(db, set(), default=None)
