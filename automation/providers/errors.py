"""Typed provider errors; the outbox decides from them whether to retry, wait, or give up."""

from __future__ import annotations

import json


class ProviderError(Exception):
    """A provider call did not succeed."""

    def __init__(self, provider: str, message: str) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider


class ProviderUnavailable(ProviderError):
    """Network failure or timeout: the request may or may not have reached the provider."""


class ProviderAPIError(ProviderError):
    """The provider answered with an error status."""

    def __init__(self, provider: str, status: int, body: str, retry_after: float | None = None) -> None:
        super().__init__(provider, f"HTTP {status}: {body[:500]}")
        self.status = status
        self.body = body
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        """429 and 5xx may succeed later; other 4xx will fail the same way again."""
        return self.status == 429 or self.status >= 500

    @property
    def reason(self) -> str:
        """The provider's own words for the refusal, for a person to read: the answer's `message` (a field
        to messages mapping, as Instamojo sends, is joined), else the body, else the status."""
        try:
            body = json.loads(self.body)
        except ValueError:
            return self.body.strip()[:300] or f"HTTP {self.status}"
        message = body.get("message") if isinstance(body, dict) else None
        if isinstance(message, dict):
            message = " ".join(
                str(m) for ms in message.values() for m in (ms if isinstance(ms, list) else [ms])
            )
        return str(message or body)[:300]
