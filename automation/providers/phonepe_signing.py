"""PhonePe's two signing schemes: v1's X-VERIFY checksum and v2's webhook Authorization hash."""

from __future__ import annotations

import hashlib
import hmac

SEPARATOR = "###"


def x_verify(data: str, salt_key: str, salt_index: int) -> str:
    """v1: sha256_hex(data + salt key) + "###" + salt index.

    `data` is the base64 payload followed by the API path for requests (pay, refund), the API path alone
    for status checks, and the base64 response alone for callbacks.
    """
    return hashlib.sha256((data + salt_key).encode()).hexdigest() + SEPARATOR + str(salt_index)


def x_verify_matches(given: str | None, data: str, salt_key: str, salt_index: int) -> bool:
    return given is not None and hmac.compare_digest(
        given.strip().encode(), x_verify(data, salt_key, salt_index).encode()
    )


def webhook_authorization(username: str, password: str) -> str:
    """v2: the Authorization header of webhooks, sha256_hex("username:password") of the dashboard's pair."""
    return hashlib.sha256(f"{username}:{password}".encode()).hexdigest()


def authorization_matches(given: str | None, username: str, password: str) -> bool:
    expected = webhook_authorization(username, password)
    return given is not None and hmac.compare_digest(given.strip().lower().encode(), expected.encode())
