"""The API-key gate in front of every API, mapping keys to JWTs the way Supabase's gateway does (B.1)."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse

from devstack.gateway.settings import GatewaySettings

# Routes that Supabase serves without an apikey (links clicked from emails, key discovery).
# Storage needs no apikey: it checks the bearer JWT itself, and public and signed
# object URLs are opened by browsers without any key (D.1).
OPEN_PATHS = (
    "/auth/v1/verify",
    "/auth/v1/callback",
    "/auth/v1/authorize",
    "/auth/v1/.well-known/jwks.json",
    "/storage/v1/",
)


@dataclass(frozen=True)
class Caller:
    """Who is calling: the bearer token the API behind the gate must honour (None = anonymous)."""

    apikey: str | None
    bearer: str | None


def _apikey(request: HTTPConnection) -> str | None:
    return request.headers.get("apikey") or request.query_params.get("apikey")


def _bearer(request: HTTPConnection) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def resolve_caller(request: HTTPConnection, settings: GatewaySettings) -> Caller | JSONResponse:
    """The caller's effective bearer token, or the refusal Supabase sends for a missing or unknown key."""
    key = _apikey(request)
    bearer = _bearer(request)
    key_to_jwt = {
        settings.anon_key: settings.anon_key,
        settings.service_role_key: settings.service_role_key,
        settings.publishable_key: settings.anon_key,
        settings.secret_key: settings.service_role_key,
    }
    if key is None:
        if request.url.path.startswith(OPEN_PATHS):
            return Caller(apikey=None, bearer=bearer)
        return JSONResponse(
            {
                "message": "No API key found in request",
                "hint": "No `apikey` request header or url param was found.",
            },
            status_code=401,
        )
    if key not in key_to_jwt:
        return JSONResponse(
            {
                "message": "Invalid API key",
                "hint": "Double check your Supabase `anon` or `service_role` API key.",
            },
            status_code=401,
        )
    if bearer is None or bearer.startswith("sb_"):
        bearer = key_to_jwt.get(bearer or key, key_to_jwt[key])
    return Caller(apikey=key, bearer=bearer)
