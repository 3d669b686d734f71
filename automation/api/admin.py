"""The admin API: review CTA submissions, move leads, act on outbox items; admins only (role from the DB)."""

from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request

from automation.api.admin_models import (
    LeadCall,
    LeadMessage,
    LeadStatusChange,
    LeadStatusChanged,
    MessageQueued,
    OutboxItemChanged,
    SegmentMessage,
    SegmentQueued,
    SubmissionDecided,
    SubmissionDecision,
)
from automation.api.auth import require_role
from automation.api.payment_links import link_routes, provider_if_any
from automation.db import transaction
from automation.errors import error_response
from automation.messages.catalog import Channel, Reply
from automation.workflows.crm_calls import CallRefused, start_call
from automation.workflows.crm_replies import ReplyRefused, send_reply
from automation.workflows.interested_links import link_when_interested
from automation.workflows.lead_review import ReviewRefused, decide_submission, set_lead_status
from automation.workflows.offers import course_files_url
from automation.workflows.outbox_admin import OutboxActionRefused, change_outbox_item
from automation.workflows.segments import BulkMessage, Segment, SegmentRefused, message_segment

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.post("/cta-submissions/<uuid:submission_id>/<any(approve, reject):decision>")
@require_role("admin")
def decide(submission_id, decision: str):
    body = SubmissionDecision.model_validate(request.get_json(silent=True) or {})
    files_url = course_files_url(current_app.config["SETTINGS"].supabase_url)
    with transaction() as conn:
        done = decide_submission(conn, str(submission_id), approve=decision == "approve", admin_id=g.user_id,
                                 note=body.note, files_url=files_url)  # fmt: skip
    return jsonify(SubmissionDecided(**done.__dict__).model_dump())


@bp.patch("/leads/<uuid:lead_id>")
@require_role("admin")
def change_lead(lead_id):
    body = LeadStatusChange.model_validate(request.get_json(silent=True) or {})
    with transaction() as conn:
        status = set_lead_status(conn, str(lead_id), body.status, body.lost_reason)
        # the status changes even when no link can be made (payments not set up, or refused)
        link = link_when_interested(conn, str(lead_id), link_routes(), provider_if_any(conn), g.user_id)
    changed = LeadStatusChanged(lead_id=str(lead_id), status=status, payment_id=link)
    return jsonify(changed.model_dump(exclude_none=True))


@bp.post("/outbox/<uuid:outbox_id>/<any(pause, resume, retry, cancel):action>")
@require_role("admin")
def act_on_outbox_item(outbox_id, action: str):
    with transaction() as conn:
        item = change_outbox_item(conn, str(outbox_id), action)
    return jsonify(OutboxItemChanged(id=item.id, status=item.status).model_dump())


@bp.post("/leads/<uuid:lead_id>/messages")
@require_role("admin")
def message_lead(lead_id):
    body = LeadMessage.model_validate(request.get_json(silent=True) or {})
    reply = Reply(body.request_id, "", body.body, body.subject)
    with transaction() as conn:
        queued = send_reply(conn, str(lead_id), Channel(body.channel), reply, g.user_id)
    return jsonify(MessageQueued(**queued.__dict__).model_dump()), 201 if queued.created else 200


@bp.post("/leads/<uuid:lead_id>/calls")
@require_role("admin")
def call_lead(lead_id):
    body = LeadCall.model_validate(request.get_json(silent=True) or {})
    files_url = course_files_url(current_app.config["SETTINGS"].supabase_url)
    with transaction() as conn:
        queued = start_call(conn, str(lead_id), body.request_id, g.user_id, files_url)
    return jsonify(MessageQueued(**queued.__dict__).model_dump()), 201 if queued.created else 200


@bp.post("/segments/messages")
@require_role("admin")
def message_segment_view():
    body = SegmentMessage.model_validate(request.get_json(silent=True) or {})
    segment = Segment(body.segment.course_slug, body.segment.status, body.segment.tag)
    message = BulkMessage(Channel(body.channel), body.template, body.request_id, g.user_id)
    files_url = course_files_url(current_app.config["SETTINGS"].supabase_url)
    with transaction() as conn:
        queued = message_segment(conn, segment, message, files_url)
    return jsonify(SegmentQueued(messages_queued=queued).model_dump())


@bp.errorhandler(LookupError)
def _missing(error: LookupError):
    return error_response(404, "not_found", str(error))


@bp.errorhandler(CallRefused)
@bp.errorhandler(SegmentRefused)
@bp.errorhandler(ReplyRefused)
@bp.errorhandler(ReviewRefused)
@bp.errorhandler(OutboxActionRefused)
def _refused(error: ValueError):
    return error_response(409, "refused", str(error))
