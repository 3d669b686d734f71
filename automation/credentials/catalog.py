"""Which provider secrets the Settings page may store; each overrides the setting `<provider>_<name>`."""

from __future__ import annotations

PROVIDER_CREDENTIALS: dict[str, tuple[str, ...]] = {
    "sendgrid": ("api_key", "webhook_public_key", "inbound_secret"),
    "aisensy": ("api_key", "webhook_secret"),
    "bolna": ("api_key", "webhook_secret"),
    "instamojo": ("client_id", "client_secret", "private_salt"),
    "phonepe": (
        "client_id",
        "client_secret",
        "webhook_username",
        "webhook_password",
        "merchant_id",
        "salt_key",
    ),
}


def setting_name(provider: str, name: str) -> str:
    """The Settings attribute (and environment variable, upper-cased) a stored credential replaces."""
    return f"{provider}_{name}"
