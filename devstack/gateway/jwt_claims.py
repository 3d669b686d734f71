"""Verify the JWTs the gateway receives (HS256 with the project secret), as PostgREST and GoTrue do."""

from __future__ import annotations

from typing import Any

import jwt


class InvalidToken(Exception):
    """The token cannot be used; `reason` is the phrase the real servers put in their errors."""

    def __init__(self, reason: str, expired: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.expired = expired


def decode(token: str, secret: str) -> dict[str, Any]:
    """Claims of a valid token; raises InvalidToken (expired, bad signature, malformed)."""
    try:
        return jwt.decode(
            token, secret, algorithms=["HS256"], options={"verify_aud": False, "require": ["exp"]}, leeway=30
        )
    except jwt.ExpiredSignatureError as error:
        raise InvalidToken("JWT expired", expired=True) from error
    except jwt.InvalidSignatureError as error:
        raise InvalidToken("JWSError JWSInvalidSignature") from error
    except jwt.PyJWTError as error:
        raise InvalidToken(str(error) or "JWT invalid") from error
