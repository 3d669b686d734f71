"""Who is calling: a Supabase access token verified (HS256 or JWKS), the role read from the database."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

import jwt
from flask import current_app, g, request
from psycopg.rows import tuple_row
from werkzeug.exceptions import Forbidden, Unauthorized

from automation.db import get_pool

JWKS_KEY = "coachbase.jwks"
ASYMMETRIC = ("RS256", "ES256", "EdDSA")
ROLE = "select role::text from public.profiles where id = %s"


def verify_token(token: str) -> dict[str, Any]:
    """The token's claims if Supabase Auth signed it for a signed-in user; raises Unauthorized otherwise."""
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
        key = _signing_key(token, algorithm)
        return jwt.decode(
            token, key, algorithms=[algorithm], audience="authenticated", options={"require": ["sub", "exp"]}
        )
    except jwt.PyJWTError as error:
        raise Unauthorized(f"The access token is not valid ({error}); sign in again.") from None


def _signing_key(token: str, algorithm: str | None) -> Any:
    settings = current_app.config["SETTINGS"]
    if algorithm == "HS256":
        return settings.supabase_jwt_secret
    if algorithm in ASYMMETRIC:
        return _jwks_client(settings.supabase_url).get_signing_key_from_jwt(token).key
    raise jwt.InvalidAlgorithmError(f"algorithm {algorithm!r} is not accepted")


def _jwks_client(supabase_url: str) -> jwt.PyJWKClient:
    """One cached key-set client per app; the keys are fetched on first use, not at start."""
    clients = current_app.extensions.setdefault(JWKS_KEY, {})
    if supabase_url not in clients:
        clients[supabase_url] = jwt.PyJWKClient(f"{supabase_url.rstrip('/')}/auth/v1/.well-known/jwks.json")
    return clients[supabase_url]


def _user_id(claims: dict[str, Any]) -> str:
    try:
        return str(uuid.UUID(str(claims["sub"])))
    except ValueError:
        raise Unauthorized("The access token's subject is not a user id; sign in again.") from None


def require_role(*roles: str) -> Callable:
    """View decorator: a verified token whose user has one of `roles` in public.profiles (sets g.user_id)."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            g.user_id = _caller_with_role(roles)
            return view(*args, **kwargs)

        return guarded

    return decorate


def _caller_with_role(roles: tuple[str, ...]) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Send the signed-in user's access token as 'Authorization: Bearer <token>'.")
    user_id = _user_id(verify_token(token))
    with get_pool().connection() as conn:
        found = conn.cursor(row_factory=tuple_row).execute(ROLE, (user_id,)).fetchone()
    if found is None or found[0] not in roles:
        raise Forbidden(f"This needs the {' or '.join(roles)} role; ask an admin for access.")
    return user_id
