"""Who is calling Storage: the verified bearer JWT, or anonymous where Storage allows it (D.1)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt
from starlette.requests import Request

from devstack.gateway import jwt_claims
from devstack.gateway.storage import errors
from devstack.gateway.storage.tokens import jwt_error_message

# The roles the gateway's login may switch to; any other role claim is refused.
API_ROLES = ("anon", "authenticated", "service_role")


@dataclass(frozen=True)
class Identity:
    """The caller's claims (always with a role), its raw token, and whether that token verified."""

    claims: dict[str, Any] = field(default_factory=lambda: {"role": "anon"})
    token: str = ""
    authenticated: bool = False

    @property
    def role(self) -> str:
        return self.claims["role"]

    @property
    def owner(self) -> str | None:
        """The `sub` claim, which Storage records as the owner of what the caller writes."""
        sub = self.claims.get("sub")
        return str(sub) if sub else None


ANONYMOUS = Identity()


def owner_uuid(owner: str | None) -> str | None:
    """Storage fills the deprecated uuid `owner` columns only when the owner is a UUID."""
    try:
        return str(uuid.UUID(owner)) if owner else None
    except ValueError:
        return None


def _refusal(error: jwt_claims.InvalidToken) -> str:
    cause = error.__cause__
    return jwt_error_message(cause) if isinstance(cause, jwt.PyJWTError) else error.reason


def identify(request: Request, jwt_secret: str, *, optional: bool) -> Identity:
    """The caller behind the request's bearer token.

    Where `optional` (public downloads, info), a missing or invalid token means anonymous;
    elsewhere it is refused with AccessDenied, as Storage's JWT hook does.
    """
    caller = request.scope.get("state", {}).get("caller")
    token = caller.bearer if caller else None
    if not token:
        if optional:
            return ANONYMOUS
        raise errors.access_denied("jwt must be provided")
    try:
        claims = jwt_claims.decode(token, jwt_secret)
    except jwt_claims.InvalidToken as error:
        if optional:
            return ANONYMOUS
        raise errors.access_denied(_refusal(error)) from error
    claims["role"] = claims.get("role") or "anon"
    if claims["role"] not in API_ROLES:
        raise errors.access_denied(f'role "{claims["role"]}" is not allowed')
    return Identity(claims=claims, token=token, authenticated=True)
