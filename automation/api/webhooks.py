"""Provider webhooks: verify first (401, nothing written), then one workflow in one transaction, then 2xx.
What a contact wrote reaches the workflows without NUL characters, which Postgres cannot store."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from automation.config import Settings
from automation.credentials.effective import provider_settings
from automation.db import transaction
from automation.errors import error_response
from automation.webhooks import aisensy, bolna, sendgrid
from automation.webhooks.events import WebhookPayloadError
from automation.webhooks.storable import storable_body, storable_form
from automation.workflows import provider_webhooks

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")
UNVERIFIED = "The request's signature (or secret) does not match this service's configuration."


def _settings() -> Settings:
    return provider_settings()


def _headers() -> dict[str, str]:
    return dict(request.headers)


@bp.errorhandler(WebhookPayloadError)
def _bad_payload(error: WebhookPayloadError):
    return error_response(400, "bad_payload", str(error))


@bp.post("/sendgrid/events")
def sendgrid_events():
    body, s = request.get_data(), _settings()
    signature = request.headers.get(sendgrid.SIGNATURE_HEADER)
    timestamp = request.headers.get(sendgrid.TIMESTAMP_HEADER)
    if not sendgrid.verify_event_signature(s.sendgrid_webhook_public_key or "", signature, timestamp, body):
        abort(401, UNVERIFIED)
    with transaction() as conn:
        stored = provider_webhooks.sendgrid_events(conn, storable_body(body), _headers())
    return jsonify(received=len(stored), new=sum(state != "done" for state in stored))


@bp.post("/sendgrid/inbound/<secret>")
def sendgrid_inbound(secret: str):
    if not sendgrid.inbound_secret_matches(_settings().sendgrid_inbound_secret, secret):
        abort(401, UNVERIFIED)
    with transaction() as conn:
        stored = provider_webhooks.sendgrid_inbound(conn, storable_form(request.form.to_dict()), _headers())
    return jsonify(stored=stored)


@bp.post("/aisensy")
def aisensy_event():
    body, s = request.get_data(), _settings()
    scheme = aisensy.SignatureScheme(
        s.aisensy_webhook_secret or "", s.aisensy_signature_header, s.aisensy_signature_algorithm
    )
    if not aisensy.verify_signature(scheme, request.headers.get(scheme.header), body):
        abort(401, UNVERIFIED)
    with transaction() as conn:
        stored = provider_webhooks.aisensy_event(conn, storable_body(body), _headers())
    return jsonify(stored=stored)


@bp.post("/bolna", defaults={"secret": None})
@bp.post("/bolna/<secret>")
def bolna_event(secret: str | None):
    s = _settings()
    if not bolna.verify_source(
        s.bolna_webhook_secret, secret, s.bolna_webhook_allowed_ips, request.remote_addr
    ):
        abort(401, UNVERIFIED)
    with transaction() as conn:
        stored = provider_webhooks.bolna_event(
            conn, storable_body(request.get_data()), _headers(), verified=secret is not None
        )
    return jsonify(stored=stored)
