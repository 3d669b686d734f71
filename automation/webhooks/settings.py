"""Webhook sweep settings, mixed into the service's one Settings object (see automation.config)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings


class WebhookSettings(BaseSettings):
    """When the worker's sweep takes up stored events that nothing acted on, and how often it tries."""

    webhook_sweep_age_seconds: float = Field(default=60.0, ge=0)  # left alone this long: retried
    webhook_sweep_max_attempts: int = Field(default=8, ge=1)  # then left unprocessed, error kept
