"""Admin CSV imports: ask for a preview or an import of a file in the `imports` bucket; the worker runs it."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Literal

from flask import Blueprint, Flask, g, jsonify, request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from automation.api.auth import require_role
from automation.db import get_pool, transaction
from automation.errors import error_response
from automation.providers.supabase_storage import SupabaseStorage
from automation.workflows.import_jobs import ImportNotStartable, ImportRequest, request_import, start_import
from automation.workflows.import_worker import run_waiting_imports

bp = Blueprint("lead_imports", __name__, url_prefix="/admin/lead-imports")
LeadField = Literal["full_name", "email", "phone", "city", "notes"]
Header = Annotated[str, Field(min_length=1, max_length=200)]
OBJECT_NAME = re.compile(r"(?P<folder>[^/]+)/(?P<file>[^/]{1,255})")


class LeadImportStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mapping: dict[Header, LeadField] | None = Field(
        default=None, max_length=50, description="CSV header → lead field; null = recognize the headers"
    )
    start_sequence: bool = False


class LeadImportBody(LeadImportStart):
    file_path: str = Field(max_length=300, description="<uuid>/<file name>, the object's name in `imports`")
    original_filename: str = Field(min_length=1, max_length=255)
    dry_run: bool = False

    @field_validator("file_path")
    @classmethod
    def _uploaded_as_the_page_does(cls, value: str) -> str:
        match = OBJECT_NAME.fullmatch(value)
        if match is None or match["file"] in (".", "..") or not _is_uuid(match["folder"]):
            raise ValueError("give the object's name in the imports bucket: <uuid>/<file name>")
        return value


class LeadImportAccepted(BaseModel):
    id: str
    status: str


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@bp.post("")
@require_role("admin")
def create():
    body = LeadImportBody.model_validate(request.get_json(silent=True) or {})
    wanted = ImportRequest(body.mapping, body.start_sequence)
    with transaction() as conn:
        row = request_import(
            conn, body.file_path, body.original_filename, wanted, dry_run=body.dry_run, admin_id=g.user_id
        )
    return jsonify(LeadImportAccepted(**row).model_dump()), 202


@bp.post("/<uuid:import_id>/start")
@require_role("admin")
def start(import_id):
    body = LeadImportStart.model_validate(request.get_json(silent=True) or {})
    try:
        with transaction() as conn:
            row = start_import(conn, str(import_id), ImportRequest(body.mapping, body.start_sequence))
    except ImportNotStartable as refused:
        status, code = (409, "not_startable") if refused.found else (404, "not_found")
        return error_response(status, code, str(refused).capitalize() + ".")
    return jsonify(LeadImportAccepted(**row).model_dump()), 202


def run_lead_imports(app: Flask) -> list[str]:
    """Run the imports waiting for a worker with the app's pool and Storage (the scheduler's tick body)."""
    settings = app.config["SETTINGS"]
    storage = SupabaseStorage(settings.supabase_url, settings.supabase_service_role_key)
    return run_waiting_imports(get_pool(app), storage)
