"""One typed settings object, read from the environment (and a local .env), validated at start."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PLACEHOLDER_MARKERS = ("change-me", "changeme", "your-", "placeholder", "xxx")
# Provider settings the service cannot work without in production (optional in development and test).
PROVIDER_REQUIRED = (
    "sendgrid_api_key",
    "sendgrid_from_email",
    "sendgrid_webhook_public_key",
    "sendgrid_inbound_secret",
    "aisensy_api_key",
    "aisensy_webhook_secret",
    "bolna_api_key",
    "bolna_agent_id",
)
SECRETS = (
    "supabase_service_role_key",
    "supabase_jwt_secret",
    "automation_internal_secret",
    "sendgrid_api_key",
    "sendgrid_inbound_secret",
    "aisensy_api_key",
    "aisensy_webhook_secret",
    "bolna_api_key",
    "bolna_webhook_secret",
)
BOLNA_WEBHOOK_IPS = ("13.203.39.153", "13.126.9.249", "13.202.133.53")  # published by Bolna


class SettingsError(RuntimeError):
    """Configuration is missing or unusable; the message lists every problem and the fix."""


class Settings(BaseSettings):
    """Everything the service reads from its environment. Secrets have no default."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    app_env: Literal["development", "test", "production"] = "production"
    supabase_url: str
    supabase_anon_key: str
    supabase_service_role_key: str
    supabase_jwt_secret: str
    supabase_db_url: str
    automation_internal_secret: str
    automation_url: str = "http://127.0.0.1:5000"
    center_timezone: str = "Asia/Kolkata"
    db_pool_min_size: int = Field(default=1, ge=0)
    db_pool_max_size: int = Field(default=10, ge=1)
    db_prepare_statements: bool = True  # Supabase's pooler in transaction mode needs False
    log_level: str = "INFO"

    sendgrid_api_key: str | None = None
    sendgrid_api_base: str = "https://api.sendgrid.com"
    sendgrid_from_email: str | None = None
    sendgrid_from_name: str = "Coachbase"
    sendgrid_reply_to_email: str | None = None  # an Inbound Parse address, so replies reach the CRM
    sendgrid_webhook_public_key: str | None = None  # base64 DER "Verification Key" of the Event Webhook
    sendgrid_inbound_secret: str | None = None  # last segment of /webhooks/sendgrid/inbound/<secret>

    aisensy_api_key: str | None = None
    aisensy_api_base: str = "https://backend.aisensy.com"
    aisensy_webhook_secret: str | None = None
    aisensy_signature_header: str = "X-AiSensy-Signature"
    aisensy_signature_algorithm: Literal["sha256", "sha1", "sha512"] = "sha256"

    bolna_api_key: str | None = None
    bolna_api_base: str = "https://api.bolna.ai"
    bolna_agent_id: str | None = None
    bolna_from_number: str | None = None
    bolna_webhook_secret: str | None = None  # last segment of /webhooks/bolna/<secret>
    bolna_webhook_allowed_ips: Annotated[tuple[str, ...], NoDecode] = BOLNA_WEBHOOK_IPS

    @field_validator("bolna_webhook_allowed_ips", mode="before")
    @classmethod
    def _split_addresses(cls, value: object) -> object:
        """Comma-separated in the environment."""
        return (
            tuple(part.strip() for part in value.split(",") if part.strip())
            if isinstance(value, str)
            else value
        )

    @model_validator(mode="after")
    def _refuse_placeholders_outside_development(self) -> Settings:
        if self.app_env == "development":
            return self
        bad = [
            name
            for name in SECRETS
            if any(marker in (getattr(self, name) or "").lower() for marker in PLACEHOLDER_MARKERS)
        ]
        if bad:
            raise ValueError("placeholder values: " + ", ".join(name.upper() for name in bad))
        return self

    @model_validator(mode="after")
    def _require_providers_in_production(self) -> Settings:
        missing = [
            name.upper()
            for name in PROVIDER_REQUIRED
            if self.app_env == "production" and not getattr(self, name)
        ]
        if missing:
            raise ValueError("required in production: " + ", ".join(missing))
        return self


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment; raise SettingsError naming every bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        problems = []
        for issue in error.errors():
            name = "_".join(str(part) for part in issue["loc"]).upper() or "settings"
            reason = "is missing" if issue["type"] == "missing" else issue["msg"]
            problems.append(f"  {name}: {reason}")
        raise SettingsError(
            "Configuration is incomplete. Set these variables (see .env.example):\n" + "\n".join(problems)
        ) from None
