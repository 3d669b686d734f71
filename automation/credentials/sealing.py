"""AES-256-GCM sealing of one secret, bound to its (provider, name) so a ciphertext cannot be moved."""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
KEY_BYTES = 32


class CredentialKeyError(ValueError):
    """A sealing key is malformed, or a ciphertext does not open with the key it names."""


@dataclass(frozen=True)
class CredentialKey:
    key_id: str
    secret: bytes = b""

    @classmethod
    def from_base64(cls, key_id: str, encoded: str) -> CredentialKey:
        """Raises CredentialKeyError unless `encoded` is base64 of exactly 32 bytes."""
        standard = encoded.strip().replace("-", "+").replace("_", "/")  # URL-safe base64 works too
        try:
            raw = base64.b64decode(standard, validate=True)
        except (binascii.Error, ValueError):
            raise CredentialKeyError("CREDENTIALS_KEY must be base64 (32 random bytes)") from None
        if len(raw) != KEY_BYTES:
            raise CredentialKeyError(f"CREDENTIALS_KEY must decode to {KEY_BYTES} bytes, not {len(raw)}")
        return cls(key_id, raw)


def _associated_data(provider: str, name: str) -> bytes:
    return f"{provider}/{name}".encode()


def seal(key: CredentialKey, provider: str, name: str, secret: str) -> bytes:
    """12-byte random nonce followed by AES-GCM's ciphertext and tag."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key.secret).encrypt(nonce, secret.encode(), _associated_data(provider, name))


def open_sealed(key: CredentialKey, provider: str, name: str, sealed: bytes) -> str:
    """The secret; raises CredentialKeyError when the key, the row's names or the bytes do not match."""
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    try:
        return AESGCM(key.secret).decrypt(nonce, body, _associated_data(provider, name)).decode()
    except InvalidTag:
        raise CredentialKeyError(
            f"the stored {provider}/{name} does not open with key {key.key_id!r}; enter it again on Settings"
        ) from None
