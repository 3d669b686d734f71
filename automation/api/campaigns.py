"""Admin API for many leads at once: preview an audience, bulk changes, campaigns; admins only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import TypeVar

import psycopg
from flask import Blueprint, current_app, g, jsonify, request

from automation.api.auth import require_role
from automation.api.campaign_models import (
    AudiencePreview,
    CampaignBody,
    CampaignCreated,
    LeadsChanged,
    LeadsStatusSet,
    PreviewRequest,
    SetLeadsStatus,
    StartLeadsSequence,
    TagLeads,
)
from automation.api.payment_links import link_routes, provider_if_any
from automation.db import transaction
from automation.errors import error_response
from automation.messages.catalog import Channel
from automation.workflows import lead_bulk
from automation.workflows.audiences import Purpose, preview_audience
from automation.workflows.campaigns import CampaignRefused, CampaignRequest, start_campaign
from automation.workflows.interested_links import links_when_interested
from automation.workflows.offers import course_files_url
from automation.workflows.sequences import sequence_id

bp = Blueprint("campaigns", __name__, url_prefix="/admin")
BodyT = TypeVar("BodyT", TagLeads, StartLeadsSequence)


@bp.post("/audiences/preview")
@require_role("admin")
def preview():
    body = PreviewRequest.model_validate(request.get_json(silent=True) or {})
    with transaction() as conn:
        found = sequence_id(conn, body.sequence_key) if body.sequence_key else None
        shown = preview_audience(conn, body.audience.audience(), Purpose(body.channel, found))
    return jsonify(AudiencePreview.model_validate(asdict(shown)).model_dump())


@bp.post("/lead-selections/tag")
@require_role("admin")
def tag_leads():
    return _change_leads(
        TagLeads, lambda conn, body: lead_bulk.add_tag(conn, body.audience.audience(), body.tag)
    )


@bp.post("/lead-selections/status")
@require_role("admin")
def set_leads_status():
    """Set the status; as PATCH /admin/leads/<id> does, a lead moved to interested may get a payment link."""
    body = SetLeadsStatus.model_validate(request.get_json(silent=True) or {})
    with transaction() as conn:
        moved = lead_bulk.set_status(conn, body.audience.audience(), body.status, body.lost_reason)
        links = _links_when_interested(conn, moved) if body.status == "interested" else []
    return jsonify(LeadsStatusSet(changed=len(moved), payment_links_started=len(links)).model_dump())


def _links_when_interested(conn: psycopg.Connection, lead_ids: list[str]) -> list[str]:
    """The payment links the setting starts for leads now interested; none while payments are not set up."""
    return links_when_interested(conn, lead_ids, link_routes(), provider_if_any(conn), g.user_id)


@bp.post("/lead-selections/sequence")
@require_role("admin")
def start_leads_sequence():
    return _change_leads(StartLeadsSequence, lambda conn, body: lead_bulk.start_sequence(
        conn, body.audience.audience(), body.sequence_key))  # fmt: skip


def _change_leads(model: type[BodyT], change: Callable[[psycopg.Connection, BodyT], int]):
    """Parse the body as `model`, apply `change` in one transaction, answer how many leads changed."""
    body = model.model_validate(request.get_json(silent=True) or {})
    with transaction() as conn:
        changed = change(conn, body)
    return jsonify(LeadsChanged(changed=changed).model_dump())


@bp.post("/campaigns")
@require_role("admin")
def create_campaign():
    body = CampaignBody.model_validate(request.get_json(silent=True) or {})
    asked = CampaignRequest(body.name, Channel(body.channel), body.template, body.audience.audience(),
                            body.request_id, g.user_id)  # fmt: skip
    files_url = course_files_url(current_app.config["SETTINGS"].supabase_url)
    with transaction() as conn:
        started = start_campaign(conn, asked, files_url)
    return jsonify(CampaignCreated(**asdict(started)).model_dump()), 201 if started.created else 200


@bp.errorhandler(LookupError)
def _missing(error: LookupError):
    return error_response(404, "not_found", str(error))


@bp.errorhandler(CampaignRefused)
def _refused(error: CampaignRefused):
    return error_response(409, "refused", str(error))
