"""POST /webhooks/instamojo and /webhooks/phonepe: verify, record once, confirm with the provider, apply.
A body over WEBHOOK_PAYMENT_MAX_BODY_BYTES is refused (413) before it is read."""

from __future__ import annotations

import json

from flask import Blueprint, Flask, current_app, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import RequestEntityTooLarge

from automation.api.webhooks import body_too_large, cap_body
from automation.config import Settings
from automation.credentials.effective import opened_provider_settings, provider_settings
from automation.db import get_pool
from automation.errors import error_response
from automation.providers.payment_gateway import configured_gateways
from automation.providers.payments import PaymentGateway, WebhookVerificationError
from automation.workflows.payment_events import Outcome, receive

bp = Blueprint("payment_webhooks", __name__)
EXTENSION_KEY = "coachbase.payment_gateways"
# The headers kept with a stored event; Authorization and X-VERIFY are proofs of our secrets.
KEPT_HEADERS = ("content-type", "user-agent", "x-request-id")
# The answers to a verified webhook, {"status": <outcome>}, encoded once.
ANSWERS = {outcome: json.dumps({"status": str(outcome)}).encode() for outcome in Outcome}
bp.register_error_handler(RequestEntityTooLarge, body_too_large)


@bp.before_request
def _cap_body_size() -> None:
    cap_body(current_app.config["SETTINGS"].webhook_payment_max_body_bytes)


def payment_gateways(app: Flask | None = None) -> dict[str, PaymentGateway]:
    """The app's configured gateways by provider, rebuilt when stored credentials change (building makes
    no calls)."""
    app = app or current_app
    return _gateways_for(app, provider_settings(app))


def _gateways_for(app: Flask, settings: Settings) -> dict[str, PaymentGateway]:
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
    """Verified with the credentials this process opened last, whose stamp the recording statement checks;
    when they fail or are no longer current, opened again (one statement) and verified once more."""
    opened = opened_provider_settings()
    if opened is not None:
        stamp, settings = opened
        answer = _verify_and_receive(provider, _gateways_for(current_app, settings), stamp)
        if answer is not None:
            return answer
    return _verify_and_receive(provider, payment_gateways(), None)


def _verify_and_receive(
    provider: str, gateways: dict[str, PaymentGateway], stamp: str | None
) -> ResponseReturnValue | None:
    """The answer, or None when credentials opened earlier (`stamp` given) may be why it would fail."""
    gateway = gateways.get(provider)
    if gateway is None:
        return _refused(stamp, 404, "not_configured", f"{provider} is not configured on this service.")
    body = request.get_data()
    try:
        event = gateway.parse_webhook(request.headers, body)
    except WebhookVerificationError as error:
        return _refused(stamp, 401, "invalid_signature", f"{error}; check the webhook credentials.")
    kept = {name: value for name, value in request.headers.items() if name.lower() in KEPT_HEADERS}
    outcome = receive(get_pool(), gateway, event, kept, body, credentials_stamp=stamp)
    if outcome is Outcome.STALE:
        return None
    return current_app.response_class(ANSWERS[outcome], mimetype="application/json")


def _refused(stamp: str | None, status: int, code: str, message: str) -> ResponseReturnValue | None:
    """The error; None instead while the credentials used were opened earlier (they are opened again)."""
    return None if stamp is not None else error_response(status, code, message)
