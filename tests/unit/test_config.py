"""Settings: every missing or placeholder value is named, and the fix is said."""

from __future__ import annotations

import pytest

from automation.config import SettingsError, load_settings

COMPLETE = {
    "supabase_url": "https://abc.supabase.co",
    "supabase_anon_key": "anon-key",
    "supabase_service_role_key": "service-key-" + "s" * 32,
    "supabase_jwt_secret": "a-long-random-secret-" + "j" * 32,
    "supabase_db_url": "postgresql://postgres@db/postgres",
    "automation_internal_secret": "internal-secret-" + "i" * 32,
    "web_app_url": "https://app.center.example",
    "automation_url": "https://automation.center.example",
}
PROVIDERS = {
    "sendgrid_api_key": "SG.key",
    "sendgrid_from_email": "hello@center.example",
    "sendgrid_webhook_public_key": "MFkw-public-key",
    "sendgrid_inbound_secret": "inbound-secret",
    "aisensy_api_key": "aisensy-key",
    "aisensy_webhook_secret": "aisensy-secret",
    "bolna_api_key": "bn-key",
    "bolna_agent_id": "3c0b6a2e-9f61-4a4e-9d43-0c3b1b0d2f11",
}


pytestmark = pytest.mark.usefixtures("no_ambient_configuration")


def test_reads_every_value_from_the_environment(monkeypatch):
    for name, value in {**COMPLETE, **PROVIDERS}.items():
        monkeypatch.setenv(name.upper(), value)
    settings = load_settings()
    assert settings.supabase_url == "https://abc.supabase.co"
    assert settings.app_env == "production"


def test_lists_every_missing_variable_at_once():
    with pytest.raises(SettingsError) as failure:
        load_settings(supabase_url="https://abc.supabase.co")
    message = str(failure.value)
    for name in (
        "SUPABASE_ANON_KEY",
        "SUPABASE_SERVICE_ROLE_KEY",
        "SUPABASE_JWT_SECRET",
        "SUPABASE_DB_URL",
        "AUTOMATION_INTERNAL_SECRET",
    ):
        assert f"{name}: is missing" in message
    assert "SUPABASE_URL" not in message
    assert ".env.example" in message


def test_refuses_placeholder_secrets_outside_development():
    with pytest.raises(SettingsError, match="SUPABASE_JWT_SECRET"):
        load_settings(**{**COMPLETE, **PROVIDERS, "supabase_jwt_secret": "change-me"})


def test_accepts_placeholder_secrets_in_development():
    settings = load_settings(**{**COMPLETE, "supabase_jwt_secret": "change-me", "app_env": "development"})
    assert settings.supabase_jwt_secret == "change-me"


def test_reads_a_dotenv_file(tmp_path):
    values = {**COMPLETE, **PROVIDERS}
    (tmp_path / ".env").write_text("".join(f"{k.upper()}={v}\n" for k, v in values.items()))
    assert load_settings().supabase_anon_key == "anon-key"


def test_production_requires_every_provider_setting():
    with pytest.raises(SettingsError) as failure:
        load_settings(**{**COMPLETE, **PROVIDERS, "sendgrid_webhook_public_key": None, "bolna_agent_id": ""})
    assert "required in production: SENDGRID_WEBHOOK_PUBLIC_KEY, BOLNA_AGENT_ID" in str(failure.value)


def test_provider_settings_are_optional_in_development_and_test():
    for env in ("development", "test"):
        assert load_settings(**COMPLETE, app_env=env).sendgrid_api_key is None


def test_placeholder_provider_secrets_are_refused_outside_development():
    with pytest.raises(SettingsError, match="AISENSY_WEBHOOK_SECRET"):
        load_settings(**{**COMPLETE, **PROVIDERS, "aisensy_webhook_secret": "change-me"})


def test_bolna_addresses_are_read_comma_separated(monkeypatch):
    monkeypatch.setenv("BOLNA_WEBHOOK_ALLOWED_IPS", "13.203.39.153, 10.0.0.0/8")
    settings = load_settings(**COMPLETE, app_env="test")
    assert settings.bolna_webhook_allowed_ips == ("13.203.39.153", "10.0.0.0/8")


def test_payments_are_optional_until_a_provider_is_chosen():
    settings = load_settings(**COMPLETE, **PROVIDERS)
    assert settings.payments_provider is None
    assert settings.missing_payment_settings() == []


def test_production_names_the_missing_credentials_of_the_chosen_gateway():
    with pytest.raises(SettingsError) as failure:
        load_settings(**COMPLETE, **PROVIDERS, payments_provider="phonepe", phonepe_client_id="id")
    message = str(failure.value)
    for name in ("PHONEPE_CLIENT_SECRET", "PHONEPE_WEBHOOK_USERNAME", "PHONEPE_WEBHOOK_PASSWORD"):
        assert name in message
    assert "PHONEPE_CLIENT_ID" not in message


def test_phonepe_v1_needs_its_merchant_id_and_salt_key_instead():
    with pytest.raises(SettingsError, match="PHONEPE_MERCHANT_ID, PHONEPE_SALT_KEY"):
        load_settings(**COMPLETE, **PROVIDERS, payments_provider="phonepe", phonepe_api_version="v1")


def test_development_may_leave_payment_credentials_out():
    settings = load_settings(**COMPLETE, app_env="development", payments_provider="instamojo")
    assert settings.missing_payment_settings() == [
        "INSTAMOJO_CLIENT_ID",
        "INSTAMOJO_CLIENT_SECRET",
        "INSTAMOJO_PRIVATE_SALT",
    ]


def test_placeholder_payment_secrets_are_refused_outside_development():
    instamojo = {
        "payments_provider": "instamojo",
        "instamojo_client_id": "id",
        "instamojo_client_secret": "your-instamojo-client-secret",
        "instamojo_private_salt": "salt",
    }
    with pytest.raises(SettingsError, match="INSTAMOJO_CLIENT_SECRET"):
        load_settings(**COMPLETE, **instamojo)


def test_payers_return_to_the_web_app_unless_told_otherwise():
    settings = load_settings(**{**COMPLETE, "app_env": "test"})
    assert settings.payment_return_page == "https://app.center.example/pay/result"
    told = load_settings(**{**COMPLETE, "app_env": "test", "payment_return_url": "https://pay.example/back"})
    assert told.payment_return_page == "https://pay.example/back"


def test_production_refuses_local_addresses_for_what_people_and_providers_open():
    local = {"web_app_url": "http://127.0.0.1:5173", "payment_return_url": "http://localhost:5173/pay/result"}
    with pytest.raises(SettingsError) as failure:
        load_settings(**{**COMPLETE, **PROVIDERS, **local})
    assert "local addresses found: WEB_APP_URL, PAYMENT_RETURN_URL" in str(failure.value)
    in_development = load_settings(**{**COMPLETE, **local, "app_env": "development"})
    assert in_development.web_app_url == local["web_app_url"]


def test_phonepe_defaults_to_the_production_host_of_its_api_version():
    v2 = load_settings(**{**COMPLETE, "app_env": "test"})
    v1 = load_settings(**{**COMPLETE, "app_env": "test", "phonepe_api_version": "v1"})
    uat = load_settings(**{**COMPLETE, "app_env": "test", "phonepe_api_base": "https://uat.example/pg"})
    assert (v2.phonepe_base, v1.phonepe_base) == (
        "https://api.phonepe.com/apis/pg",
        "https://api.phonepe.com/apis/hermes",
    )
    assert uat.phonepe_base == "https://uat.example/pg"
