"""Assertions every capability's contract suite shares: how an adapter fails, and whether it may retry."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from automation.providers.errors import ProviderAPIError


def refusal(attempt: Callable[[], object]) -> ProviderAPIError:
    """The ProviderAPIError that `attempt` raises; the test fails if it raises none."""
    with pytest.raises(ProviderAPIError) as failure:
        attempt()
    return failure.value


def assert_transient_failures_are_retryable(sandbox, attempt: Callable[[], object]) -> None:
    """A 429 carries its Retry-After; a 500 is retryable too; neither records a message."""
    sandbox.behave(rate_limit_rate=1.0, retry_after_seconds=7)
    limited = refusal(attempt)
    sandbox.behave(rate_limit_rate=0.0, failure_rate=1.0)
    failed = refusal(attempt)
    assert (limited.status, limited.retry_after, limited.retryable) == (429, 7.0, True)
    assert (failed.status, failed.retryable) == (500, True)
