"""Which browser origins may call the service: the landing form and the web app, nothing else.

The payer's return page polls /public/payments/<id> from wherever the frontend is hosted, so that
one read-only route answers any origin; /public/* (the lead form) and /admin/* (the web app, with
its Supabase JWT in Authorization) answer only CORS_ALLOWED_ORIGINS.
"""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS

PREFLIGHT_CACHE_SECONDS = 600


def allow_browser_origins(app: Flask, origins: tuple[str, ...]) -> None:
    allowed = list(origins)
    CORS(
        app,
        resources={
            r"/public/payments/*": {"origins": "*", "methods": ["GET"]},
            r"/public/*": {"origins": allowed, "methods": ["POST"], "allow_headers": ["Content-Type"]},
            r"/admin/*": {
                "origins": allowed,
                "methods": ["GET", "POST", "PUT", "PATCH", "DELETE"],
                "allow_headers": ["Authorization", "Content-Type"],
            },
        },
        max_age=PREFLIGHT_CACHE_SECONDS,
        vary_header=True,
    )
