"""One typed settings object, read from the environment (and a local .env), validated at start."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_MARKERS = ("change-me", "changeme", "your-", "placeholder", "xxx")


# What each payment gateway cannot work without, by PAYMENTS_PROVIDER (and PHONEPE_API_VERSION).
PAYMENT_SECRETS = {
    "instamojo": ["instamojo_client_id", "instamojo_client_secret", "instamojo_private_salt"],
    "phonepe-v2": [
        "phonepe_client_id",
        "phonepe_client_secret",
        "phonepe_webhook_username",
        "phonepe_webhook_password",
    ],
    "phonepe-v1": ["phonepe_merchant_id", "phonepe_salt_key"],
}


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

    # Payments: which gateway takes the money, and its credentials (see .env.example).
    payments_provider: Literal["instamojo", "phonepe"] | None = None
    instamojo_base_url: str = "https://api.instamojo.com"
    instamojo_client_id: str | None = None
    instamojo_client_secret: str | None = None
    instamojo_private_salt: str | None = None
    phonepe_api_version: Literal["v1", "v2"] = "v2"
    phonepe_api_base: str = "https://api.phonepe.com/apis/pg"
    phonepe_oauth_base: str = "https://api.phonepe.com/apis/identity-manager"
    phonepe_client_id: str | None = None
    phonepe_client_secret: str | None = None
    phonepe_client_version: int = 1
    phonepe_webhook_username: str | None = None
    phonepe_webhook_password: str | None = None
    phonepe_merchant_id: str | None = None
    phonepe_salt_key: str | None = None
    phonepe_salt_index: int = 1

    def _payment_secret_names(self) -> list[str]:
        if self.payments_provider is None:
            return []
        key = "instamojo" if self.payments_provider == "instamojo" else f"phonepe-{self.phonepe_api_version}"
        return PAYMENT_SECRETS[key]

    def missing_payment_settings(self) -> list[str]:
        """The variables the selected payment gateway needs and that are not set."""
        return [name.upper() for name in self._payment_secret_names() if not getattr(self, name)]

    @model_validator(mode="after")
    def _require_payment_settings_in_production(self) -> Settings:
        if self.app_env == "production" and (missing := self.missing_payment_settings()):
            raise ValueError(f"PAYMENTS_PROVIDER={self.payments_provider} needs " + ", ".join(missing))
        return self

    @model_validator(mode="after")
    def _refuse_placeholders_outside_development(self) -> Settings:
        if self.app_env == "development":
            return self
        secrets = ["supabase_service_role_key", "supabase_jwt_secret", "automation_internal_secret"]
        bad = [
            name
            for name in secrets + self._payment_secret_names()
            if any(marker in (getattr(self, name) or "").lower() for marker in PLACEHOLDER_MARKERS)
        ]
        if bad:
            raise ValueError("placeholder values: " + ", ".join(name.upper() for name in bad))
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
