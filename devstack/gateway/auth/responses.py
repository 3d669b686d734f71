"""Auth's responses: JSON bodies, the API-version echo, and both error formats of C.5."""

from __future__ import annotations

import re
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from devstack.gateway.auth.errors import AuthApiError, OAuthError, WeakPasswordError

API_VERSION_HEADER = "X-Supabase-Api-Version"
API_VERSION_2024 = "2024-01-01"
_VERSION_FORMAT = re.compile(r"^2[0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


def api_version(request: Request) -> str | None:
    """The API version the client asked for, if it is at least 2024-01-01 (else the legacy one)."""
    asked = request.headers.get(API_VERSION_HEADER, "")
    if _VERSION_FORMAT.match(asked) and asked >= API_VERSION_2024:
        return API_VERSION_2024
    return None


def _version_headers(request: Request) -> dict[str, str]:
    version = api_version(request)
    return {API_VERSION_HEADER: version} if version else {}


def json_response(
    request: Request, body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse(body, status_code=status, headers={**_version_headers(request), **(headers or {})})


def empty_response(request: Request, status: int = 204) -> Response:
    return Response(status_code=status, headers=_version_headers(request))


def error_body(request: Request, error: AuthApiError) -> dict[str, Any]:
    """`{code, message}` for clients sending the 2024-01-01 version, GoTrue's legacy shape otherwise."""
    if api_version(request):
        body: dict[str, Any] = {"code": error.code, "message": error.message}
    else:
        body = {"code": error.status, "error_code": error.code, "msg": error.message}
        if error.status >= 500:
            body["error_id"] = str(uuid.uuid4())
    if isinstance(error, WeakPasswordError):
        body["weak_password"] = {"reasons": error.reasons}
    return body


def error_response(request: Request, error: AuthApiError) -> Response:
    headers = {"x-sb-error-code": error.code}
    return json_response(request, error_body(request, error), error.status, headers)


def oauth_error_response(request: Request, error: OAuthError) -> Response:
    body = {"error": error.error}
    if error.description:
        body["error_description"] = error.description
    return json_response(request, body, 400)
