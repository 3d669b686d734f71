"""Signed URL tokens (D.4): HS256 JWTs with the project secret naming one `<bucket>/<key>`."""

from __future__ import annotations

import time
from typing import Any

import jwt

from devstack.gateway.storage import errors

UPLOAD_URL_LIFETIME = 2 * 3600  # Storage's default for signed upload URLs


def jwt_error_message(error: jwt.PyJWTError) -> str:
    """The message Storage's JWT library gives for a rejected token."""
    if isinstance(error, jwt.ExpiredSignatureError):
        return "jwt expired"
    if isinstance(error, jwt.InvalidSignatureError):
        return "invalid signature"
    if isinstance(error, jwt.DecodeError):
        return "jwt malformed"
    return str(error) or "jwt invalid"


def _sign(secret: str, claims: dict[str, Any], lifetime: int) -> str:
    now = int(time.time())
    return jwt.encode({**claims, "iat": now, "exp": now + lifetime}, secret, algorithm="HS256")


def download_token(secret: str, url: str, lifetime: int) -> str:
    return _sign(secret, {"url": url, "scope": "download"}, lifetime)


def upload_token(secret: str, url: str, owner: str | None, upsert: bool) -> str:
    claims = {"owner": owner, "url": url, "upsert": upsert, "scope": "upload"}
    return _sign(secret, claims, UPLOAD_URL_LIFETIME)


def verify(secret: str, token: str, url: str, scope: str) -> dict[str, Any]:
    """The claims of a token issued for `url` and `scope`.

    Raises InvalidJWT for a token that does not verify (expired included), InvalidSignature for
    a token made for another object or purpose.
    """
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp"]})
    except jwt.PyJWTError as error:
        raise errors.invalid_jwt(jwt_error_message(error)) from error
    if claims.get("url") != url or claims.get("scope") != scope:
        raise errors.invalid_signature()
    return claims
