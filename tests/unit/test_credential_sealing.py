"""Sealing provider secrets: AES-256-GCM bound to (provider, name), and the key's setting checked at start."""

from __future__ import annotations

import base64

import pytest

from automation.config import SettingsError, load_settings
from automation.credentials.sealing import CredentialKey, CredentialKeyError, open_sealed, seal
from automation.credentials.store import hint

RAW = bytes(range(32))
KEY = CredentialKey("k1", RAW)
COMPLETE = {
    "app_env": "test",
    "supabase_url": "http://127.0.0.1:54321",
    "supabase_anon_key": "anon",
    "supabase_service_role_key": "service",
    "supabase_jwt_secret": "jwt",
    "supabase_db_url": "postgresql://postgres@127.0.0.1:1/postgres",
    "automation_internal_secret": "internal",
}


def test_a_sealed_secret_opens_with_its_key_and_names_only():
    sealed = seal(KEY, "sendgrid", "api_key", "SG.secret-value")
    assert b"secret-value" not in sealed
    assert open_sealed(KEY, "sendgrid", "api_key", sealed) == "SG.secret-value"
    with pytest.raises(CredentialKeyError, match="sendgrid/inbound_secret"):
        open_sealed(KEY, "sendgrid", "inbound_secret", sealed)
    with pytest.raises(CredentialKeyError, match="'k2'"):
        open_sealed(CredentialKey("k2", bytes(32)), "sendgrid", "api_key", sealed)


def test_each_seal_uses_a_new_nonce():
    first, second = (seal(KEY, "bolna", "api_key", "same") for _ in range(2))
    assert first[:12] != second[:12]
    assert len(first) == 12 + len("same") + 16


def test_a_tampered_ciphertext_does_not_open():
    sealed = bytearray(seal(KEY, "aisensy", "api_key", "value"))
    sealed[-1] ^= 1
    with pytest.raises(CredentialKeyError):
        open_sealed(KEY, "aisensy", "api_key", bytes(sealed))


def test_keys_are_base64_of_32_bytes_in_either_alphabet():
    standard = base64.b64encode(b"\xfb" * 32).decode()
    assert CredentialKey.from_base64("k", standard).secret == b"\xfb" * 32
    assert (
        CredentialKey.from_base64("k", base64.urlsafe_b64encode(b"\xfb" * 32).decode()).secret == b"\xfb" * 32
    )
    with pytest.raises(CredentialKeyError, match="32 bytes, not 16"):
        CredentialKey.from_base64("k", base64.b64encode(bytes(16)).decode())
    with pytest.raises(CredentialKeyError, match="base64"):
        CredentialKey.from_base64("k", "not base64 at all!")


def test_only_long_secrets_show_their_last_characters():
    assert hint("SG.abcdefgh1234") == "1234"
    assert hint("short-secret"[:11]) is None


def test_settings_refuse_a_malformed_key_and_name_it(no_ambient_configuration):
    with pytest.raises(SettingsError, match="CREDENTIALS_KEY"):
        load_settings(**COMPLETE, credentials_key="change-me")
    settings = load_settings(
        **COMPLETE, credentials_key=base64.b64encode(RAW).decode(), credentials_key_id="k9"
    )
    assert settings.credential_key() == CredentialKey("k9", RAW)
    assert load_settings(**COMPLETE).credential_key() is None
