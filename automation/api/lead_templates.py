"""POST /admin/leads/<id>/template-messages: one approved course template to one lead (admins only)."""

from __future__ import annotations

import uuid
from typing import Literal

from flask import Blueprint, current_app, g, jsonify, request
from pydantic import Field

from automation.api.admin_models import CourseTemplate, MessageQueued, Strict
from automation.api.auth import require_role
from automation.db import transaction
from automation.errors import error_response
from automation.messages.catalog import Channel
from automation.workflows.lead_templates import TemplateRefused, send_template
from automation.workflows.offers import course_files_url
from automation.workflows.segments import BulkMessage

bp = Blueprint("lead_templates", __name__, url_prefix="/admin")


class LeadTemplateMessage(Strict):
    """A course template to one lead; resending the same request_id sends nothing twice."""

    channel: Literal["email", "whatsapp"]
    template: CourseTemplate
    request_id: str = Field(default_factory=lambda: uuid.uuid4().hex, min_length=8, max_length=100)


@bp.post("/leads/<uuid:lead_id>/template-messages")
@require_role("admin")
def send(lead_id):
    body = LeadTemplateMessage.model_validate(request.get_json(silent=True) or {})
    message = BulkMessage(Channel(body.channel), body.template, body.request_id, g.user_id)
    files_url = course_files_url(current_app.config["SETTINGS"].supabase_url)
    with transaction() as conn:
        queued = send_template(conn, str(lead_id), message, files_url)
    return jsonify(MessageQueued(**queued.__dict__).model_dump()), 201 if queued.created else 200


@bp.errorhandler(LookupError)
def _missing(error: LookupError):
    return error_response(404, "not_found", str(error))


@bp.errorhandler(TemplateRefused)
def _refused(error: TemplateRefused):
    return error_response(409, "refused", str(error))
