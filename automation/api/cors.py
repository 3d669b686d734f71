"""Which browser origins may call the service: the landing form and the web app, nothing else.

The payer's pages (the return page polling /public/payments/<id>, a payment link's page posting to
/public/payment-links/<id>/checkout) run wherever the frontend is hosted, so those routes answer any
origin; /public/* (the lead form) and /admin/* (the web app, with its Supabase JWT in Authorization)
answer only CORS_ALLOWED_ORIGINS.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, request
from flask_cors import CORS

PREFLIGHT_CACHE_SECONDS = 600


def allow_browser_origins(app: Flask, origins: tuple[str, ...]) -> None:
    allowed = list(origins)
    CORS(
        app,
        resources={
            r"/public/payments/*": {"origins": "*", "methods": ["GET"]},
            r"/public/payment-links/*": {"origins": "*", "methods": ["POST"]},
            r"/public/*": {"origins": allowed, "methods": ["POST"], "allow_headers": ["Content-Type"]},
            r"/admin/*": {
                "origins": allowed,
                "methods": ["GET", "POST", "PUT", "PATCH", "DELETE"],
                "allow_headers": ["Authorization", "Content-Type"],
            },
        },
        max_age=PREFLIGHT_CACHE_SECONDS,
        vary_header=True,
        always_send=False,  # browsers send Origin on every cross-origin call; servers need no grant
    )
    _only_for_cross_origin_requests(app)


def _only_for_cross_origin_requests(app: Flask) -> None:
    """Run flask-cors's response hook only when the request names an Origin (decision 0590).

    Without an Origin (a server such as the lead-intake edge function, a webhook, a health check)
    flask-cors adds nothing (always_send=False), yet it evaluates its rules and formats its debug
    messages on every response, about a fifth of a small request's time in Flask.
    """
    hooks = app.after_request_funcs[None]
    found = [i for i, hook in enumerate(hooks) if hook.__name__ == "cors_after_request"]
    if len(found) != 1:
        raise RuntimeError("flask-cors registered no single cors_after_request hook (decision 0590)")
    (position,) = found
    cors_after_request: Callable[[Response], Response] = hooks[position]

    def cross_origin_only(response: Response) -> Response:
        return cors_after_request(response) if "Origin" in request.headers else response

    hooks[position] = cross_origin_only
