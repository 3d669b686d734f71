"""Public endpoints for the landing page: POST /public/leads (JSON or form, CORS for configured origins)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from psycopg.rows import tuple_row
from werkzeug.exceptions import TooManyRequests

from automation.db import get_pool, transaction
from automation.errors import error_response
from automation.workflows.lead_intake import FieldError, LeadForm, submit_lead
from automation.workflows.offers import course_files_url

bp = Blueprint("public", __name__, url_prefix="/public")
FORM_GROUPS = ("consents", "utm")
CHECKED = {"1", "true", "on", "yes"}


@bp.post("/leads")
def create_lead():
    settings = current_app.config["SETTINGS"]
    _limit_rate(settings.lead_rate_limit_per_minute)
    form = LeadForm.model_validate(_submitted())
    with transaction() as conn:
        intake = submit_lead(
            conn,
            form,
            dedupe_minutes=settings.lead_dedupe_window_minutes,
            files_url=course_files_url(settings.supabase_url),
        )
    return jsonify(lead_id=intake.lead_id, created=intake.created), 201 if intake.created else 200


def _limit_rate(per_minute: int) -> None:
    """Count this client's request in the database, so the limit holds across workers and hosts."""
    with get_pool().connection() as conn:
        cursor = conn.cursor(row_factory=tuple_row)
        hits = cursor.execute("select private.count_intake_hit(%s, 60)", (f"leads:{request.remote_addr}",))
        if hits.fetchone()[0] > per_minute:  # type: ignore[index]
            raise TooManyRequests(f"At most {per_minute} submissions a minute per address; wait a minute.")


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
