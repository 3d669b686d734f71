"""Cross-origin access for the web app to bearer-token endpoints (see docs/decisions/0820)."""

from __future__ import annotations

from flask import Blueprint, request


def allow_bearer_callers(bp: Blueprint, methods: str) -> None:
    """Any origin may call `bp`'s routes with an Authorization header: no cookie or other ambient
    credential authorizes them, so a foreign page gains nothing it could not do without a browser."""

    @bp.after_request
    def _allow(response):
        if request.headers.get("Origin"):
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Allow-Methods"] = f"{methods}, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            response.headers["Access-Control-Max-Age"] = "600"
        return response
