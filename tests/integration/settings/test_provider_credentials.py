"""Provider credentials (C3): write-only through the admin API, sealed in the database, used over the env."""

from __future__ import annotations

import base64
import json

import psycopg
import pytest

from automation import create_app
from automation.config import SettingsError
from automation.credentials.current import CurrentProviders
from automation.credentials.store import save_credentials, with_credentials
from automation.db import create_pool
from tests.support.roles import acting_as, user_claims
from tests.support.settings import settings_for_tests
from tests.support.tokens import user_token
from tests.support.users import add_user

SECRET = "secret-for-tests"
KEY = base64.b64encode(b"k" * 32).decode()
STORED = "select ciphertext, key_id, hint, updated_by::text from private.provider_credentials where name = %s"


@pytest.fixture
def world(fresh_db_url):
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        return {"admin": add_user(conn, "admin"), "student": add_user(conn, "student"), "url": fresh_db_url}


def _settings(world, **overrides):
    values = {"credentials_key": KEY, "credentials_key_id": "k1", "sendgrid_inbound_secret": "from-the-env"}
    return settings_for_tests(supabase_db_url=world["url"], db_pool_min_size=0, **{**values, **overrides})


def _as(user_id: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {user_token(SECRET, user_id)}"}


def _put(client, user_id: str, provider: str, body: object):
    return client.put(f"/admin/provider-credentials/{provider}", json=body, headers=_as(user_id))


def test_an_admin_stores_secrets_that_only_their_hint_shows(world):
    client = create_app(_settings(world)).test_client()
    body = {"api_key": "SG.0123456789abcd", "inbound_secret": "short"}
    assert _put(client, world["admin"], "sendgrid", body).status_code == 204
    with psycopg.connect(world["url"]) as conn:
        ciphertext, key_id, hint, updated_by = conn.execute(STORED, ("api_key",)).fetchone()
        assert b"0123456789abcd" not in bytes(ciphertext)
        assert (key_id, hint, updated_by) == ("k1", "abcd", world["admin"])
        with acting_as(conn, "authenticated", user_claims(world["admin"])):
            listed = conn.execute(
                "select provider, name, hint from public.list_provider_credentials()"
            ).fetchall()
        assert listed == [("sendgrid", "api_key", "abcd"), ("sendgrid", "inbound_secret", None)]
        audit = conn.execute(
            "select changes from public.audit_logs where entity_table = 'provider_credentials'"
        ).fetchall()
    assert len(audit) == 2
    assert all("0123456789abcd" not in json.dumps(row[0]) for row in audit)
    assert all(row[0]["new"]["ciphertext"].startswith("redacted:") for row in audit)


def test_a_second_put_replaces_the_secret(world):
    client = create_app(_settings(world)).test_client()
    _put(client, world["admin"], "bolna", {"api_key": "first-secret-0001"})
    _put(client, world["admin"], "bolna", {"api_key": "second-secret-0002"})
    with psycopg.connect(world["url"]) as conn:
        opened = with_credentials(_settings(world), conn)
        count = conn.execute("select count(*) from private.provider_credentials").fetchone()[0]
    assert (opened.bolna_api_key, count) == ("second-secret-0002", 1)


def test_only_admins_may_store_secrets(world):
    client = create_app(_settings(world)).test_client()
    assert _put(client, world["student"], "sendgrid", {"api_key": "x" * 20}).status_code == 403
    assert client.put("/admin/provider-credentials/sendgrid", json={"api_key": "x"}).status_code == 401
    assert (
        client.delete(
            "/admin/provider-credentials/sendgrid/api_key", headers=_as(world["student"])
        ).status_code
        == 403
    )
    with psycopg.connect(world["url"]) as conn:
        assert conn.execute("select count(*) from private.provider_credentials").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("provider", "body", "status", "field"),
    [
        ("zoom", {"api_key": "x"}, 404, None),
        ("sendgrid", {"password": "x"}, 422, "password"),
        ("sendgrid", {"api_key": "   "}, 422, "api_key"),
        ("sendgrid", {}, 422, "body"),
        ("sendgrid", ["api_key"], 422, None),
    ],
)
def test_bad_requests_name_what_is_wrong_and_store_nothing(world, provider, body, status, field):
    response = _put(create_app(_settings(world)).test_client(), world["admin"], provider, body)
    assert response.status_code == status
    if field:
        assert field in response.json["error"]["fields"]
    with psycopg.connect(world["url"]) as conn:
        assert conn.execute("select count(*) from private.provider_credentials").fetchone()[0] == 0


def test_without_a_key_the_service_says_how_to_store_secrets(world):
    client = create_app(_settings(world, credentials_key=None)).test_client()
    response = _put(client, world["admin"], "sendgrid", {"api_key": "SG.0123456789abcd"})
    assert response.status_code == 503
    assert "CREDENTIALS_KEY" in response.json["error"]["message"]


def test_webhooks_use_the_stored_secret_and_the_environment_again_once_it_is_deleted(world):
    client = create_app(_settings(world)).test_client()
    inbound = "/webhooks/sendgrid/inbound/{}"
    assert client.post(inbound.format("stored-inbound-secret")).status_code == 401
    _put(client, world["admin"], "sendgrid", {"inbound_secret": "stored-inbound-secret"})
    assert client.post(inbound.format("from-the-env")).status_code == 401
    assert client.post(inbound.format("stored-inbound-secret")).status_code != 401
    deleted = client.delete(
        "/admin/provider-credentials/sendgrid/inbound_secret", headers=_as(world["admin"])
    )
    assert deleted.status_code == 204
    assert client.post(inbound.format("stored-inbound-secret")).status_code == 401
    assert client.post(inbound.format("from-the-env")).status_code != 401
    again = client.delete("/admin/provider-credentials/sendgrid/inbound_secret", headers=_as(world["admin"]))
    assert again.status_code == 404


def test_a_secret_sealed_under_another_key_is_named_not_used(world):
    client = create_app(_settings(world)).test_client()
    _put(client, world["admin"], "instamojo", {"client_secret": "instamojo-secret-0001"})
    other = base64.b64encode(b"o" * 32).decode()
    with psycopg.connect(world["url"]) as conn:
        with pytest.raises(SettingsError, match="instamojo/client_secret was sealed with key 'k1'"):
            with_credentials(_settings(world, credentials_key=other, credentials_key_id="k2"), conn)
        with pytest.raises(SettingsError, match="does not open with key 'k1'"):
            with_credentials(_settings(world, credentials_key=other), conn)
        with pytest.raises(SettingsError, match="CREDENTIALS_KEY is not set"):
            with_credentials(_settings(world, credentials_key=None), conn)


def test_the_worker_uses_a_changed_secret_without_a_restart(world):
    outreach = {"sendgrid_api_key": "SG.from-the-env", "sendgrid_from_email": "hi@center.in"}
    outreach |= {"aisensy_api_key": "ais", "bolna_api_key": "bolna", "bolna_agent_id": "agent"}
    settings = _settings(world, **outreach)
    with create_pool(settings) as pool:
        providers = CurrentProviders(pool, settings)
        first = providers.email
        assert first.session.headers["Authorization"] == "Bearer SG.from-the-env"
        assert providers.email is first
        with psycopg.connect(world["url"]) as conn:
            save_credentials(
                conn, settings.credential_key(), "sendgrid", {"api_key": "SG.stored-now"}, world["admin"]
            )
        assert providers.email.session.headers["Authorization"] == "Bearer SG.stored-now"
        assert providers.whatsapp is providers.current().whatsapp


def test_the_worker_refuses_to_start_without_a_provider(world):
    settings = _settings(world)
    with create_pool(settings) as pool, pytest.raises(SettingsError, match="SENDGRID_API_KEY"):
        CurrentProviders(pool, settings)
