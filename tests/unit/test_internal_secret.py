"""AUTOMATION_INTERNAL_SECRET and its peers: never empty or short in production, and never matched empty."""

from __future__ import annotations

import pytest

from automation import create_app
from automation.config import SettingsError, load_settings
from tests.support.settings import settings_for_tests
from tests.unit.test_config import COMPLETE, PROVIDERS

TICKS = (
    "/internal/ticks/sequences",
    "/internal/ticks/webhooks",
    "/internal/ticks/payments-reconcile",
    "/internal/ticks/fee-reminders",
)


@pytest.mark.usefixtures("no_ambient_configuration")
@pytest.mark.parametrize(
    "name", ["automation_internal_secret", "supabase_jwt_secret", "supabase_service_role_key"]
)
@pytest.mark.parametrize("value", ["", "k3Jq-short-random"])
def test_production_refuses_an_empty_or_short_core_secret_and_says_what_to_set(name, value):
    with pytest.raises(SettingsError) as failure:
        load_settings(**{**COMPLETE, **PROVIDERS, name: value})
    message = str(failure.value)
    assert f"shorter than 32 characters: {name.upper()} " in message
    assert "openssl rand -hex 32" in message


@pytest.mark.usefixtures("no_ambient_configuration")
def test_development_and_test_may_run_with_short_secrets():
    for env in ("development", "test"):
        assert load_settings(**{**COMPLETE, "automation_internal_secret": "", "app_env": env})


def test_an_empty_internal_secret_keeps_every_tick_closed():
    client = create_app(settings_for_tests(automation_internal_secret="", db_pool_min_size=0)).test_client()
    for path in TICKS:
        for headers in ({}, {"X-Internal-Secret": ""}):
            answer = client.post(path, headers=headers)
            assert answer.status_code == 401, path
            assert "AUTOMATION_INTERNAL_SECRET" in answer.get_json()["error"]["message"]


def test_a_wrong_internal_secret_is_refused_on_every_tick():
    client = create_app(settings_for_tests(db_pool_min_size=0)).test_client()
    for path in TICKS:
        answer = client.post(path, headers={"X-Internal-Secret": "intern"})
        assert answer.status_code == 401, path
        assert answer.get_json()["error"]["code"] == "unauthorized"
