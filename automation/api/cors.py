"""Cross-origin access for endpoints that browsers call with a Supabase access token (never cookies)."""

from __future__ import annotations

from flask import Flask, Response, request

ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id"


def allow_token_clients(app: Flask, blueprints: frozenset[str]) -> None:
    """Let a web app on any origin call the endpoints of `blueprints` (preflight included).

    Safe for any origin because these endpoints authorize only by the Authorization header, which a
    foreign page cannot obtain; no cookie or ambient credential is ever read (decision 0840).
    """

    def add_cors_headers(response: Response) -> Response:
        if request.blueprint in blueprints:
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Expose-Headers"] = "X-Request-Id"
            response.headers["Access-Control-Max-Age"] = "600"
        return response

    app.after_request(add_cors_headers)
