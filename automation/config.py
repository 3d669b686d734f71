"""One typed settings object, read from the environment (and a local .env), validated at start."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import SettingsConfigDict

from automation.app_links import AppLinks
from automation.credentials.settings import CredentialSettings
from automation.lead_settings import LeadSettings
from automation.outbox.settings import OutboxSettings
from automation.provider_settings import OutreachSettings, PaymentSettings
from automation.webhooks.settings import WebhookSettings

PLACEHOLDER_MARKERS = ("change-me", "changeme", "your-", "placeholder", "xxx")
# Addresses people and providers reach from outside: a local one in production sends payers, students and
# webhooks nowhere.
PUBLIC_URLS = ("web_app_url", "automation_url", "payment_return_url")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1")  # noqa: S104 - names to refuse, not to bind
# The secrets the service cannot run without; CREDENTIALS_KEY is optional (and 32 bytes when set).
REQUIRED_SECRETS = ("supabase_service_role_key", "supabase_jwt_secret", "automation_internal_secret")
CORE_SECRETS = (*REQUIRED_SECRETS, "credentials_key")
# In production each required secret is at least this long (Supabase's own minimum for its JWT secret): a
# short one is guessable, and an empty one opens whatever it guards.
MIN_SECRET_LENGTH = 32


class SettingsError(RuntimeError):
    """Configuration is missing or unusable; the message lists every problem and the fix."""


class Settings(
    OutreachSettings, PaymentSettings, LeadSettings, OutboxSettings, CredentialSettings, WebhookSettings
):
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
    web_app_url: str = "http://127.0.0.1:5173"  # where emailed links (invites, course pages) open
    db_pool_min_size: int = Field(default=1, ge=0)
    db_pool_max_size: int = Field(default=10, ge=1)
    db_prepare_statements: bool = True  # Supabase's pooler in transaction mode needs False
    # Proxies in front of the service that set X-Forwarded-For/-Proto/-Host (a platform's router: 1). The
    # lead form's per-address limit and Bolna's address list read the client address these hops report.
    trusted_proxy_hops: int = Field(default=0, ge=0, le=5)
    log_level: str = "INFO"
    # The largest bodies the webhooks read (413 past it, before any signature check reads them): provider
    # events and statuses; SendGrid's inbound email (SendGrid caps a message at 30 MB, attachments
    # included); payment events, which are small.
    webhook_max_body_bytes: int = Field(default=5 * 2**20, ge=1_024)
    webhook_inbound_email_max_body_bytes: int = Field(default=32 * 2**20, ge=1_024)
    webhook_payment_max_body_bytes: int = Field(default=64 * 2**10, ge=1_024)

    @model_validator(mode="after")
    def _refuse_placeholders_outside_development(self) -> Settings:
        if self.app_env == "development":
            return self
        secrets = [*CORE_SECRETS, *self.outreach_secrets(), *self.payment_secrets()]
        bad = [
            name
            for name in secrets
            if any(marker in (getattr(self, name) or "").lower() for marker in PLACEHOLDER_MARKERS)
        ]
        if bad:
            raise ValueError("placeholder values: " + ", ".join(name.upper() for name in bad))
        return self

    @model_validator(mode="after")
    def _refuse_short_secrets_in_production(self) -> Settings:
        if self.app_env != "production":
            return self
        short = [name.upper() for name in REQUIRED_SECRETS if len(getattr(self, name)) < MIN_SECRET_LENGTH]
        if short:
            raise ValueError(
                f"empty or shorter than {MIN_SECRET_LENGTH} characters: " + ", ".join(short) + " (set the "
                "Supabase project's own values, and a random AUTOMATION_INTERNAL_SECRET from "
                "`openssl rand -hex 32`)"
            )
        return self

    @model_validator(mode="after")
    def _require_providers_in_production(self) -> Settings:
        if self.app_env != "production":
            return self
        missing = [name.upper() for name in self.outreach_required() if not getattr(self, name)]
        missing += self.missing_payment_settings()
        if missing:
            raise ValueError("required in production: " + ", ".join(missing))
        local = [name.upper() for name in PUBLIC_URLS if _is_local(getattr(self, name))]
        if local:
            raise ValueError("public URLs needed in production, local addresses found: " + ", ".join(local))
        return self

    @property
    def payment_return_page(self) -> str:
        """Where payers land after paying (gets ?payment=<id>): PAYMENT_RETURN_URL, else the web app's."""
        return self.payment_return_url or AppLinks(self.web_app_url).page("/pay/result")


def _is_local(url: str | None) -> bool:
    host = urlsplit(url).hostname if url else None
    return host is not None and (host in LOCAL_HOSTS or host.endswith(".localhost"))


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
