"""Comparing a secret a webhook carries (in its path) with the configured one, in constant time."""

from __future__ import annotations

import hmac


def secret_matches(configured: str | None, given: str | None) -> bool:
    """Never true when no secret is configured or none was given."""
    if not configured or given is None:
        return False
    return hmac.compare_digest(given.encode(), configured.encode())
