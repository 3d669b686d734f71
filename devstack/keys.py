"""The stack's API keys: HS256 JWTs signed with the local JWT secret, as Supabase issues them."""

from __future__ import annotations

import base64
import hashlib
import hmac

import jwt

# Fixed issue and expiry times keep the keys stable across restarts for a given secret.
ISSUED_AT = 1_767_225_600  # 2026-01-01T00:00:00Z
EXPIRES_AT = ISSUED_AT + 10 * 365 * 24 * 3600


def api_key(jwt_secret: str, role: str) -> str:
    """The `anon` or `service_role` key: a JWT with Supabase's claims for that role."""
    claims = {"iss": "supabase", "ref": "devstack", "role": role, "iat": ISSUED_AT, "exp": EXPIRES_AT}
    return jwt.encode(claims, jwt_secret, algorithm="HS256")


def opaque_key(jwt_secret: str, kind: str) -> str:
    """An `sb_publishable_...` or `sb_secret_...` key, derived from the secret so it stays stable."""
    digest = hmac.new(jwt_secret.encode(), f"devstack:{kind}".encode(), hashlib.sha256).digest()
    return f"sb_{kind}_" + base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")
