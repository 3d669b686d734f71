"""Access tokens: the JWT Auth signs (C.4), and checking the bearer token of a request (C.1)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt
from starlette.requests import Request

from devstack.gateway.auth.errors import AuthApiError
from devstack.gateway.auth.settings import AuthSettings
from devstack.gateway.jwt_claims import InvalidToken, decode


def sign_access_token(
    settings: AuthSettings, user: dict[str, Any], session_id: uuid.UUID, amr: list[dict[str, Any]]
) -> tuple[str, int]:
    """The user's access token for a session, and its expiry (unix seconds)."""
    issued_at = int(time.time())
    expires_at = issued_at + settings.jwt_expiry
    claims = {
        "iss": settings.external_url,
        "sub": str(user["id"]),
        "aud": user["aud"] or settings.jwt_aud,
        "exp": expires_at,
        "iat": issued_at,
        "email": user["email"] or "",
        "phone": user["phone"] or "",
        "app_metadata": user["raw_app_meta_data"] or {},
        "user_metadata": user["raw_user_meta_data"] or {},
        "role": user["role"] or "",
        "aal": "aal1",
        "amr": amr,
        "session_id": str(session_id),
        "is_anonymous": user["is_anonymous"],
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256"), expires_at


def bearer_claims(request: Request, settings: AuthSettings) -> dict[str, Any]:
    """The verified claims of the request's bearer token. Raises 401 `no_authorization`, 403 `bad_jwt`."""
    caller = request.scope.get("state", {}).get("caller")
    token = caller.bearer if caller else None
    if not token:
        raise AuthApiError(401, "no_authorization", "This endpoint requires a valid Bearer token")
    try:
        return decode(token, settings.jwt_secret)
    except InvalidToken as error:
        detail = "token has invalid claims: token is expired" if error.expired else error.reason
        raise AuthApiError(
            403, "bad_jwt", f"invalid JWT: unable to parse or verify signature, {detail}"
        ) from error


def admin_claims(request: Request, settings: AuthSettings) -> dict[str, Any]:
    """The claims of an admin caller (service_role or supabase_admin). Raises 403 `not_admin`."""
    claims = bearer_claims(request, settings)
    if claims.get("role") not in settings.admin_roles:
        raise AuthApiError(403, "not_admin", "User not allowed")
    return claims


def subject(claims: dict[str, Any]) -> uuid.UUID:
    """The user id a user token is about. Raises 403/400 `bad_jwt`."""
    sub = claims.get("sub")
    if not sub:
        raise AuthApiError(403, "bad_jwt", "invalid claim: missing sub claim")
    try:
        return uuid.UUID(str(sub))
    except ValueError as error:
        raise AuthApiError(400, "bad_jwt", "invalid claim: sub claim must be a UUID") from error
