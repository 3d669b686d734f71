"""Provider webhooks: verify first (401, nothing written), then one workflow in one transaction, then 2xx.
A body over the endpoint's cap is refused (413) before it is read. What a contact wrote reaches the
workflows without NUL characters, which Postgres cannot store."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

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
INBOUND_EMAIL = f"{bp.name}.sendgrid_inbound"  # an email with its attachments: the one larger body


def _settings() -> Settings:
    return provider_settings()


def _headers() -> dict[str, str]:
    return dict(request.headers)


@bp.before_request
def _cap_body_size() -> None:
    settings: Settings = current_app.config["SETTINGS"]
    inbound = request.endpoint == INBOUND_EMAIL
    cap_body(settings.webhook_inbound_email_max_body_bytes if inbound else settings.webhook_max_body_bytes)


def cap_body(limit: int) -> None:
    """Refuse a body longer than `limit` (RequestEntityTooLarge) before the view reads it: by its declared
    length, or, sent without one (chunked), by reading it here up to the limit and one byte more, as Werkzeug
    alone would hand the view the first `limit` bytes as if they were all. A form field may take the whole
    limit (Flask's default of 500 kB a field would refuse a long email's text)."""
    request.max_content_length = request.max_form_memory_size = limit
    if request.content_length is not None:
        if request.content_length > limit:
            raise RequestEntityTooLarge
    elif len(request.get_data()) >= limit and request.environ["wsgi.input"].read(1):
        raise RequestEntityTooLarge


def body_too_large(_error: RequestEntityTooLarge):
    """The 413 of a webhook blueprint, in the service's error shape, naming the cap."""
    message = (
        f"The request body is larger than the {request.max_content_length} bytes this webhook accepts; "
        "nothing was recorded. Send it in smaller parts."
    )
    return error_response(413, "body_too_large", message)


bp.register_error_handler(RequestEntityTooLarge, body_too_large)


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
