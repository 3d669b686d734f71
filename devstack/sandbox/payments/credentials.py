"""The fixed credentials the simulated gateways accept, and the settings that point our service at them."""

from __future__ import annotations

# Public on purpose: they only open this local sandbox.
INSTAMOJO_CLIENT_ID = "sandbox-instamojo-client-id"
INSTAMOJO_CLIENT_SECRET = "sandbox-instamojo-client-secret"  # noqa: S105
INSTAMOJO_PRIVATE_SALT = "sandbox-instamojo-private-salt"
PHONEPE_MERCHANT_ID = "SANDBOXMERCHANT"
PHONEPE_CLIENT_ID = "SANDBOXCLIENT"
PHONEPE_CLIENT_SECRET = "sandbox-phonepe-client-secret"  # noqa: S105
PHONEPE_CLIENT_VERSION = 1
PHONEPE_WEBHOOK_USERNAME = "sandbox_webhook"
PHONEPE_WEBHOOK_PASSWORD = "Sandbox2024pass"  # noqa: S105
PHONEPE_SALT_KEY = "sandbox-phonepe-salt-key"
PHONEPE_SALT_INDEX = 1


def payment_environment(sandbox_url: str) -> dict[str, str]:
    """The INSTAMOJO_* and PHONEPE_* settings of a service that should pay through this sandbox."""
    return {
        "PAYMENTS_PROVIDER": "instamojo",
        "INSTAMOJO_BASE_URL": f"{sandbox_url}/instamojo",
        "INSTAMOJO_CLIENT_ID": INSTAMOJO_CLIENT_ID,
        "INSTAMOJO_CLIENT_SECRET": INSTAMOJO_CLIENT_SECRET,
        "INSTAMOJO_PRIVATE_SALT": INSTAMOJO_PRIVATE_SALT,
        "PHONEPE_API_VERSION": "v2",
        "PHONEPE_API_BASE": f"{sandbox_url}/phonepe",
        "PHONEPE_OAUTH_BASE": f"{sandbox_url}/phonepe",
        "PHONEPE_MERCHANT_ID": PHONEPE_MERCHANT_ID,
        "PHONEPE_CLIENT_ID": PHONEPE_CLIENT_ID,
        "PHONEPE_CLIENT_SECRET": PHONEPE_CLIENT_SECRET,
        "PHONEPE_CLIENT_VERSION": str(PHONEPE_CLIENT_VERSION),
        "PHONEPE_WEBHOOK_USERNAME": PHONEPE_WEBHOOK_USERNAME,
        "PHONEPE_WEBHOOK_PASSWORD": PHONEPE_WEBHOOK_PASSWORD,
        "PHONEPE_SALT_KEY": PHONEPE_SALT_KEY,
        "PHONEPE_SALT_INDEX": str(PHONEPE_SALT_INDEX),
    }
