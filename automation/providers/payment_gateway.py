"""Builds the configured payment gateway from settings: the one place that knows every adapter."""

from __future__ import annotations

from automation.config import Settings, SettingsError
from automation.providers.instamojo import InstamojoGateway
from automation.providers.payments import PaymentGateway
from automation.providers.phonepe import PhonePeGateway
from automation.providers.phonepe_v1 import PhonePeV1Gateway


def build_payment_gateway(settings: Settings) -> PaymentGateway:
    """The adapter PAYMENTS_PROVIDER (and PHONEPE_API_VERSION) select; SettingsError if it cannot be built."""
    if settings.payments_provider is None:
        raise SettingsError("Payments are not configured: set PAYMENTS_PROVIDER (see .env.example).")
    if missing := settings.missing_payment_settings():
        raise SettingsError(f"Payments are not configured: set {', '.join(missing)} (see .env.example).")
    s = settings
    if s.payments_provider == "instamojo":
        return InstamojoGateway(
            s.instamojo_base_url,
            str(s.instamojo_client_id),
            str(s.instamojo_client_secret),
            str(s.instamojo_private_salt),
        )
    if s.phonepe_api_version == "v1":
        return PhonePeV1Gateway(
            s.phonepe_base, str(s.phonepe_merchant_id), str(s.phonepe_salt_key), s.phonepe_salt_index
        )
    return PhonePeGateway(
        s.phonepe_base,
        s.phonepe_oauth_base,
        (str(s.phonepe_client_id), str(s.phonepe_client_secret), s.phonepe_client_version),
        (str(s.phonepe_webhook_username), str(s.phonepe_webhook_password)),
    )


def configured_gateways(settings: Settings) -> dict[str, PaymentGateway]:
    """Every gateway whose credentials are set, by provider name, so that payments made through a
    provider that is no longer the default can still be confirmed, reconciled and refunded."""
    found: dict[str, PaymentGateway] = {}
    for provider in ("instamojo", "phonepe"):
        candidate = settings.model_copy(update={"payments_provider": provider})
        if not candidate.missing_payment_settings():
            found[provider] = build_payment_gateway(candidate)
    return found
