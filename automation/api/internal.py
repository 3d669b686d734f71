"""POST /internal/ticks/sequences: the follow-up sequences tick, for Supabase cron or an edge function."""

from __future__ import annotations

import hmac
from dataclasses import asdict

from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import Unauthorized

from automation.db import get_pool
from automation.workflows.offers import course_files_url
from automation.workflows.sequence_tick import TickResult, enqueue_due_steps

bp = Blueprint("sequence_ticks", __name__)


@bp.post("/internal/ticks/sequences")
def sequences_tick():
    given = request.headers.get("X-Internal-Secret", "")
    expected = current_app.config["SETTINGS"].automation_internal_secret
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized("Send X-Internal-Secret = AUTOMATION_INTERNAL_SECRET.")
    return jsonify(asdict(run_sequences(current_app)))


def run_sequences(app: Flask) -> TickResult:
    """One pass of the sequences tick with the app's pool (also the scheduler's tick body)."""
    return enqueue_due_steps(get_pool(app), course_files_url(app.config["SETTINGS"].supabase_url))
