"""The sandbox's AiSensy account: API key, project id and the webhook's shared secret."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from devstack.sandbox.secrets import SecretSource

SIGNATURE_HEADER = "X-AiSensy-Signature"
PROJECT_HEADER = "X-AiSensy-Project-Id"


@dataclass(frozen=True)
class AiSensyAccount:
    api_key: str
    project_id: str
    webhook_secret: str

    @classmethod
    def from_secrets(cls, secrets: SecretSource) -> AiSensyAccount:
        return cls(
            api_key=secrets.token("aisensy:api-key", 32),
            project_id=secrets.token("aisensy:project", 9),
            webhook_secret=secrets.token("aisensy:webhook"),
        )

    def sign(self, body: bytes) -> str:
        """hex(HMAC-SHA256(shared secret, raw body)), the scheme providers.md describes."""
        return hmac.new(self.webhook_secret.encode(), body, hashlib.sha256).hexdigest()

    def environment(self, base_url: str) -> dict[str, str]:
        return {
            "AISENSY_API_KEY": self.api_key,
            "AISENSY_API_BASE": base_url,
            "AISENSY_WEBHOOK_SECRET": self.webhook_secret,
        }
