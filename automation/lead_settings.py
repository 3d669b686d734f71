"""Lead intake settings, mixed into the service's one Settings object (see automation.config)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode


class LeadSettings(BaseSettings):
    """Browser origins allowed to call the service; the lead form's rate, size and dedupe window."""

    cors_allowed_origins: Annotated[tuple[str, ...], NoDecode] = ()
    lead_rate_limit_per_minute: int = Field(default=20, ge=1)
    lead_max_body_bytes: int = Field(default=16_384, ge=1_024)
    lead_dedupe_window_minutes: int = Field(default=1_440, ge=0)

    @field_validator("cors_allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        """Comma-separated in the environment, e.g. https://example.com,https://www.example.com."""
        if isinstance(value, str):
            return tuple(part.strip().rstrip("/") for part in value.split(",") if part.strip())
        return value
