"""The JWT checks Realtime makes on connect, join and refresh, with its own error phrases (E.1, E.3, E.4)."""

from __future__ import annotations

import time
from typing import Any

import jwt

REQUIRED_CLAIMS = ("role", "exp")


class TokenRefused(Exception):
    """`reason` is Realtime's message; `code` its error code (InvalidJWTToken, ...)."""

    def __init__(self, reason: str, code: str = "InvalidJWTToken") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code

    @property
    def join_reason(self) -> str:
        return f"{self.code}: {self.reason}"


def verify(token: str, secret: str) -> dict[str, Any]:
    """Claims of a signed, unexpired token carrying `role` and `exp`; raises TokenRefused."""
    try:
        claims = jwt.decode(
            token, secret, algorithms=["HS256"], options={"verify_exp": False, "verify_aud": False}
        )
    except jwt.InvalidSignatureError as error:
        raise TokenRefused("Failed to validate JWT signature") from error
    except jwt.PyJWTError as error:
        raise TokenRefused("The token provided is not a valid JWT", "MalformedJWT") from error
    if not all(name in claims for name in REQUIRED_CLAIMS):
        raise TokenRefused("Fields `role` and `exp` are required in JWT")
    expired_for = seconds_expired(claims)
    if expired_for >= 0:
        raise TokenRefused(f"Token has expired {expired_for} seconds ago")
    return claims


def seconds_expired(claims: dict[str, Any]) -> int:
    """Whole seconds since `exp` (negative while the token is valid)."""
    return int(time.time()) - int(claims["exp"])


def connect_refusal(error: TokenRefused) -> str:
    """The text of the 401 answering a websocket upgrade (E.1): expiry drops the seconds."""
    return "Token has expired" if error.reason.startswith("Token has expired") else error.reason
