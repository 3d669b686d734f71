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
        self.status = status
        self.body = body
        self.retry_after = retry_after
        super().__init__(provider, self.describe())

    def describe(self) -> str:
        return f"HTTP {self.status}: {self.body[:500]}"

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
        message = (body.get("message") or body.get("errorMessage")) if isinstance(body, dict) else None
        if isinstance(message, dict):
            message = " ".join(
                str(m) for ms in message.values() for m in (ms if isinstance(ms, list) else [ms])
            )
        return str(message or body)[:300]


class ProviderRefused(ProviderAPIError):
    """A success status whose body says the request was refused (AiSensy's 200 `{"success": false, ...}`):
    final, like a 4xx, and told in the provider's words."""

    def describe(self) -> str:
        return f"refused it (HTTP {self.status}): {self.reason}"


class ProviderAcceptedUnreadable(ProviderError):
    """A success status (2xx) without what the adapter reads from it (the message's id): the provider most
    likely accepted the request, so it must never be sent again as if it had failed (decision 0695).
    `answer` is what the provider said, to keep."""

    def __init__(self, provider: str, status: int, missing: str, body: str) -> None:
        said = body[:500] or "no body"
        super().__init__(provider, f"accepted it (HTTP {status}) without {missing}: {said}")
        self.status = status
        self.missing = missing
        self.answer = {"status": status, "missing": missing, "body": body[:2000]}
