"""Stored provider credentials: write sealed, delete, and open them all over the environment's values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.rows import dict_row, tuple_row

from automation.config import Settings, SettingsError
from automation.credentials.catalog import setting_name
from automation.credentials.sealing import CredentialKey, CredentialKeyError, open_sealed, seal

HINT_MIN_LENGTH = 12  # shorter secrets show no last characters: four of eight would give half away
UPSERT = """
insert into private.provider_credentials (provider, name, ciphertext, key_id, hint, updated_by)
values (%s, %s, %s, %s, %s, %s)
on conflict (provider, name) do update
   set ciphertext = excluded.ciphertext, key_id = excluded.key_id, hint = excluded.hint,
       updated_by = excluded.updated_by
"""
ROWS = "select provider, name, ciphertext, key_id from private.provider_credentials order by provider, name"
STAMP = "select private.credentials_stamp()"


def hint(secret: str) -> str | None:
    """The last four characters shown on the Settings page, for secrets long enough to spare them."""
    return secret[-4:] if len(secret) >= HINT_MIN_LENGTH else None


def save_credentials(
    conn: psycopg.Connection, key: CredentialKey, provider: str, values: Mapping[str, str], admin_id: str
) -> None:
    """Seal and upsert each (name, secret) of `provider`; the audit log keeps a digest, never the secret."""
    with conn.cursor() as cur:
        for name, secret in values.items():
            sealed = seal(key, provider, name, secret)
            cur.execute(UPSERT, (provider, name, sealed, key.key_id, hint(secret), admin_id))


def delete_credential(conn: psycopg.Connection, provider: str, name: str) -> bool:
    """True when a stored credential was removed (the environment's value, if any, applies again)."""
    query = "delete from private.provider_credentials where provider = %s and name = %s"
    return conn.execute(query, (provider, name)).rowcount == 1


def credentials_stamp(conn: psycopg.Connection) -> str:
    """Changes whenever any stored credential is written or removed (cheap: no decryption)."""
    return conn.cursor(row_factory=tuple_row).execute(STAMP).fetchone()[0]


def open_credentials(conn: psycopg.Connection, key: CredentialKey | None) -> dict[str, str]:
    """Every stored credential opened, by the setting it replaces.

    Raises SettingsError when rows exist but no key is configured, or a row does not open with it.
    """
    rows = conn.cursor(row_factory=dict_row).execute(ROWS).fetchall()
    if rows and key is None:
        raise SettingsError("Credentials are stored but CREDENTIALS_KEY is not set; see .env.example")
    return {setting_name(row["provider"], row["name"]): _open_row(key, row) for row in rows}


def _open_row(key: CredentialKey, row: dict[str, Any]) -> str:
    where = f"{row['provider']}/{row['name']}"
    if row["key_id"] != key.key_id:
        raise SettingsError(
            f"{where} was sealed with key {row['key_id']!r}, not CREDENTIALS_KEY_ID {key.key_id!r}: "
            "configure that key again, or enter the credential again on Settings."
        )
    try:
        return open_sealed(key, row["provider"], row["name"], bytes(row["ciphertext"]))
    except CredentialKeyError as error:
        raise SettingsError(f"Provider credentials: {error}.") from None


def with_credentials(settings: Settings, conn: psycopg.Connection) -> Settings:
    """What adapters are built from: stored credentials first, the environment where none is stored."""
    return settings.model_copy(update=open_credentials(conn, settings.credential_key()))
