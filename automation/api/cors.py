"""CORS for the admin API: the web app calls it from its own origin with a bearer token, never a cookie."""

from __future__ import annotations

from flask import Flask, Response, request

ADMIN_PREFIX = "/admin/"


def register_admin_cors(app: Flask) -> None:
    """Let any origin call /admin/* (decision 0806): without the admin's token a request is refused anyway."""

    @app.after_request
    def _allow_bearer_calls(response: Response) -> Response:
        if request.path.startswith(ADMIN_PREFIX) and request.headers.get("Origin"):
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            response.headers["Access-Control-Max-Age"] = "600"
        return response
