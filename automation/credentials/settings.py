"""The sealing key's settings group, mixed into the service's one Settings object."""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings

from automation.credentials.sealing import CredentialKey


class CredentialSettings(BaseSettings):
    """CREDENTIALS_KEY (base64 of 32 random bytes) seals provider secrets; CREDENTIALS_KEY_ID names it."""

    credentials_key: str | None = None
    credentials_key_id: str = Field(default="key-1", pattern=r"^[A-Za-z0-9._-]{1,64}$")

    @field_validator("credentials_key")
    @classmethod
    def _thirty_two_bytes(cls, value: str | None) -> str | None:
        if value:
            CredentialKey.from_base64("check", value)
        return value or None

    def credential_key(self) -> CredentialKey | None:
        """The key that seals and opens stored credentials, or None when none is configured."""
        if not self.credentials_key:
            return None
        return CredentialKey.from_base64(self.credentials_key_id, self.credentials_key)
