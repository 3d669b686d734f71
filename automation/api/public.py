"""Public endpoints for the landing page: POST /public/leads (JSON or form, CORS for configured origins)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from psycopg.rows import scalar_row
from pydantic import ValidationError

from automation.db import get_pool
from automation.errors import error_response
from automation.workflows.lead_intake import FieldError, LeadForm, RateLimit, RateLimited, submit_lead
from automation.workflows.offers import course_files_url

bp = Blueprint("public", __name__, url_prefix="/public")
FORM_GROUPS = ("consents", "utm")
CHECKED = {"1", "true", "on", "yes"}


@bp.post("/leads")
def create_lead():
    settings = current_app.config["SETTINGS"]
    limit = RateLimit(f"leads:{request.remote_addr}", settings.lead_rate_limit_per_minute)
    try:
        form = LeadForm.model_validate(_submitted())
    except ValidationError:
        _count_refused(limit)  # junk counts against the limit too
        raise
    with get_pool().connection() as conn:  # autocommit: the one statement is the transaction
        submit_lead(
            conn,
            form,
            dedupe_minutes=settings.lead_dedupe_window_minutes,
            files_url=course_files_url(settings.supabase_url),
            rate_limit=limit,
        )
    # One answer for a new lead, a merge, a repeat and the honeypot: it tells no one whether an address
    # is already a lead, nor which lead it is (docs/decisions/0678).
    return jsonify(received=True), 202


def _count_refused(limit: RateLimit) -> None:
    """Count an invalid submission; raises RateLimited when it is over the limit (429 wins over 422)."""
    with get_pool().connection() as conn:
        cursor = conn.cursor(row_factory=scalar_row)
        if cursor.execute(COUNT_HIT, (limit.client_key,)).fetchone() > limit.per_minute:
            raise RateLimited(limit)


COUNT_HIT = "select private.count_intake_hit(%s, 60)"


def _submitted() -> dict:
    """The JSON body, or a form body with consent_<channel> checkboxes and utm_<name> fields."""
    if request.is_json:
        body = request.get_json()
        return body if isinstance(body, dict) else {"body": body}
    flat = request.form.to_dict()
    nested: dict = {group: {} for group in FORM_GROUPS}
    for key, value in flat.items():
        group, _, name = key.partition("_")
        if group == "consent" and name:
            nested["consents"][name] = value.lower() in CHECKED
        elif group == "utm" and name:
            nested["utm"][name] = value
        else:
            nested[key] = value
    return nested


@bp.before_request
def _cap_body_size() -> None:
    request.max_content_length = current_app.config["SETTINGS"].lead_max_body_bytes


@bp.errorhandler(FieldError)
def _on_field_error(error: FieldError):
    fields = {error.field: error.reason}
    return error_response(422, "invalid_input", "Some fields are invalid; see fields.", fields=fields)


@bp.errorhandler(RateLimited)
def _on_rate_limited(error: RateLimited):
    return error_response(429, "too_many_requests", str(error))
