"""The sandbox's SendGrid account: API key, event-signing key pair, verified sender domain, parse secret."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from devstack.sandbox.secrets import SecretSource

VERIFIED_DOMAIN = "coachbase.test"  # the sender identity the account has verified
INBOUND_ADDRESS = f"replies@parse.{VERIFIED_DOMAIN}"  # where contacts' replies land (Inbound Parse)


@dataclass(frozen=True)
class SendGridAccount:
    api_key: str
    signing_key: ec.EllipticCurvePrivateKey
    inbound_secret: str

    @classmethod
    def from_secrets(cls, secrets: SecretSource) -> SendGridAccount:
        return cls(
            api_key=f"SG.{secrets.token('sendgrid:key-id', 16)}.{secrets.token('sendgrid:key', 32)}",
            signing_key=secrets.ec_private_key("sendgrid:event-webhook"),
            inbound_secret=secrets.token("sendgrid:inbound-parse"),
        )

    def public_key(self) -> str:
        """The "Verification Key": base64 of the DER SubjectPublicKeyInfo, as SendGrid shows it."""
        der = self.signing_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return base64.b64encode(der).decode()

    def sign(self, timestamp: str, body: bytes) -> str:
        """Base64 of the DER ECDSA (P-256, SHA-256) signature over timestamp + body."""
        signature = self.signing_key.sign(timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
        return base64.b64encode(signature).decode()

    def environment(self, base_url: str) -> dict[str, str]:
        """The service's SENDGRID_* settings for this account."""
        return {
            "SENDGRID_API_KEY": self.api_key,
            "SENDGRID_API_BASE": base_url,
            "SENDGRID_FROM_EMAIL": f"hello@{VERIFIED_DOMAIN}",
            "SENDGRID_REPLY_TO_EMAIL": INBOUND_ADDRESS,
            "SENDGRID_WEBHOOK_PUBLIC_KEY": self.public_key(),
            "SENDGRID_INBOUND_SECRET": self.inbound_secret,
        }
