"""POST /webhooks/instamojo and /webhooks/phonepe: verify, record once, confirm with the provider, apply."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, jsonify, request

from automation.credentials.effective import provider_settings
from automation.db import get_pool
from automation.errors import error_response
from automation.providers.payment_gateway import configured_gateways
from automation.providers.payments import PaymentGateway, WebhookVerificationError
from automation.workflows.payment_events import receive

bp = Blueprint("payment_webhooks", __name__)
EXTENSION_KEY = "coachbase.payment_gateways"
# The headers kept with a stored event; Authorization and X-VERIFY are proofs of our secrets.
KEPT_HEADERS = ("content-type", "user-agent", "x-request-id")


def payment_gateways(app: Flask | None = None) -> dict[str, PaymentGateway]:
    """The app's configured gateways by provider, rebuilt when stored credentials change (building makes
    no calls)."""
    app = app or current_app
    settings = provider_settings(app)
    cached = app.extensions.get(EXTENSION_KEY)
    if cached is None or cached[0] is not settings:
        cached = app.extensions[EXTENSION_KEY] = (settings, configured_gateways(settings))
    return cached[1]


@bp.post("/webhooks/instamojo")
def instamojo():
    return _receive("instamojo")


@bp.post("/webhooks/phonepe")
def phonepe():
    return _receive("phonepe")


def _receive(provider: str):
    gateway = payment_gateways().get(provider)
    if gateway is None:
        return error_response(404, "not_configured", f"{provider} is not configured on this service.")
    body = request.get_data()
    try:
        event = gateway.parse_webhook(request.headers, body)
    except WebhookVerificationError as error:
        return error_response(401, "invalid_signature", f"{error}; check the webhook credentials.")
    kept = {name: value for name, value in request.headers.items() if name.lower() in KEPT_HEADERS}
    return jsonify(status=str(receive(get_pool(), gateway, event, kept, body)))
