"""Outbox worker settings, mixed into the service's one Settings object (see automation.config)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings


class OutboxSettings(BaseSettings):
    """How a worker claims and sends; quiet hours and provider rate limits live in automation_settings."""

    outbox_batch_size: int = Field(default=32, ge=1, le=1000)
    outbox_concurrency: int = Field(default=8, ge=1, le=64)  # sends in flight per worker process
    outbox_poll_seconds: float = Field(default=5.0, gt=0)  # fallback when a NOTIFY is missed
    outbox_stale_lock_seconds: float = Field(default=300.0, ge=0)  # longer than any provider timeout
    # A reclaimed email or call with no evidence that the provider accepted it waits this long after the
    # reclaim for that evidence (webhook events), then goes again (decision 0580).
    outbox_in_doubt_grace_seconds: float = Field(default=600.0, ge=0)
    outbox_backoff_base_seconds: float = Field(default=30.0, ge=0)
    outbox_backoff_max_seconds: float = Field(default=3600.0, ge=0)
