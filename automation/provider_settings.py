"""Provider setting groups, mixed into the service's one Settings object (see automation.config)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import field_validator
from pydantic_settings import BaseSettings, NoDecode

BOLNA_WEBHOOK_IPS = ("13.203.39.153", "13.126.9.249", "13.202.133.53")  # published by Bolna


class OutreachSettings(BaseSettings):
    """SendGrid (email), AiSensy (WhatsApp) and Bolna (AI calls)."""

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
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    def outreach_required(self) -> list[str]:
        """What email, WhatsApp and calls cannot work without in production."""
        return [
            "sendgrid_api_key",
            "sendgrid_from_email",
            "sendgrid_webhook_public_key",
            "sendgrid_inbound_secret",
            "aisensy_api_key",
            "aisensy_webhook_secret",
            "bolna_api_key",
            "bolna_agent_id",
        ]

    def outreach_secrets(self) -> list[str]:
        return [
            "sendgrid_api_key",
            "sendgrid_inbound_secret",
            "aisensy_api_key",
            "aisensy_webhook_secret",
            "bolna_api_key",
            "bolna_webhook_secret",
        ]


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


# PhonePe's production hosts: Standard Checkout (v2) and the legacy X-VERIFY API (v1).
PHONEPE_PRODUCTION = {"v2": "https://api.phonepe.com/apis/pg", "v1": "https://api.phonepe.com/apis/hermes"}


class PaymentSettings(BaseSettings):
    """Which gateway takes the money, and its credentials."""

    payments_provider: Literal["instamojo", "phonepe"] | None = None
    instamojo_base_url: str = "https://api.instamojo.com"
    instamojo_client_id: str | None = None
    instamojo_client_secret: str | None = None
    instamojo_private_salt: str | None = None
    phonepe_api_version: Literal["v1", "v2"] = "v2"
    phonepe_api_base: str | None = None  # unset: production's, for the version (see phonepe_base)
    phonepe_oauth_base: str = "https://api.phonepe.com/apis/identity-manager"
    phonepe_client_id: str | None = None
    phonepe_client_secret: str | None = None
    phonepe_client_version: int = 1
    phonepe_webhook_username: str | None = None
    phonepe_webhook_password: str | None = None
    phonepe_merchant_id: str | None = None
    phonepe_salt_key: str | None = None
    phonepe_salt_index: int = 1
    payment_return_url: str | None = None  # unset: the web app's /pay/result (Settings.payment_return_page)

    @property
    def phonepe_base(self) -> str:
        """PHONEPE_API_BASE, else PhonePe's production host for the configured API version."""
        return self.phonepe_api_base or PHONEPE_PRODUCTION[self.phonepe_api_version]

    def payment_secrets(self) -> list[str]:
        """The selected gateway's credentials (required in production, never placeholders)."""
        if self.payments_provider is None:
            return []
        key = "instamojo" if self.payments_provider == "instamojo" else f"phonepe-{self.phonepe_api_version}"
        return PAYMENT_SECRETS[key]

    def missing_payment_settings(self) -> list[str]:
        """The variables the selected payment gateway needs and that are not set."""
        return [name.upper() for name in self.payment_secrets() if not getattr(self, name)]
