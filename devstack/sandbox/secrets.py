"""Stable credentials for the sandbox's providers, derived from one seed so restarts keep them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

from cryptography.hazmat.primitives.asymmetric import ec

# Order of the NIST P-256 group: a private key is a number in [1, order - 1].
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


class SecretSource:
    """Each label always yields the same value for the same seed, and unrelated values across labels."""

    def __init__(self, seed: str) -> None:
        self._seed = seed.encode()

    def _digest(self, label: str) -> bytes:
        return hmac.new(self._seed, f"sandbox:{label}".encode(), hashlib.sha256).digest()

    def token(self, label: str, size: int = 24) -> str:
        """A URL-safe token of `size` bytes of entropy (at most 32)."""
        return base64.urlsafe_b64encode(self._digest(label)[:size]).decode().rstrip("=")

    def uuid(self, label: str) -> str:
        return str(uuid.UUID(bytes=self._digest(label)[:16], version=4))

    def ec_private_key(self, label: str) -> ec.EllipticCurvePrivateKey:
        """A P-256 (secp256r1) private key."""
        number = int.from_bytes(self._digest(label), "big") % (P256_ORDER - 1) + 1
        return ec.derive_private_key(number, ec.SECP256R1())
