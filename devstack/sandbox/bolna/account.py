"""The sandbox's Bolna account: API key, the one voice agent, and the secret in our webhook's path."""

from __future__ import annotations

from dataclasses import dataclass

from devstack.sandbox.secrets import SecretSource


@dataclass(frozen=True)
class BolnaAccount:
    api_key: str
    agent_id: str
    webhook_secret: str

    @classmethod
    def from_secrets(cls, secrets: SecretSource) -> BolnaAccount:
        return cls(
            api_key="bn-" + secrets.token("bolna:api-key", 24).replace("-", "").replace("_", ""),
            agent_id=secrets.uuid("bolna:agent"),
            webhook_secret=secrets.token("bolna:webhook"),
        )

    @property
    def webhook_path(self) -> str:
        """The agent's webhook_url is set to our service's /webhooks/bolna/<secret>."""
        return f"/webhooks/bolna/{self.webhook_secret}"

    def environment(self, base_url: str) -> dict[str, str]:
        return {
            "BOLNA_API_KEY": self.api_key,
            "BOLNA_API_BASE": base_url,
            "BOLNA_AGENT_ID": self.agent_id,
            "BOLNA_WEBHOOK_SECRET": self.webhook_secret,
        }
