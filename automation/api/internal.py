"""POST /internal/ticks/sequences and /internal/ticks/webhooks, for Supabase cron or an edge function."""

from __future__ import annotations

import hmac
from dataclasses import asdict

from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import Unauthorized

from automation.db import get_pool
from automation.workflows.offers import course_files_url
from automation.workflows.sequence_tick import TickResult, enqueue_due_steps
from automation.workflows.webhook_sweep import SweepResult, sweep_webhook_events

bp = Blueprint("sequence_ticks", __name__)


@bp.post("/internal/ticks/sequences")
def sequences_tick():
    _check_internal_secret()
    return jsonify(asdict(run_sequences(current_app)))


@bp.post("/internal/ticks/webhooks")
def webhooks_tick():
    _check_internal_secret()
    return jsonify(asdict(run_webhook_sweep(current_app)))


def _check_internal_secret() -> None:
    given = request.headers.get("X-Internal-Secret", "")
    expected = current_app.config["SETTINGS"].automation_internal_secret
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized("Send X-Internal-Secret = AUTOMATION_INTERNAL_SECRET.")


def run_sequences(app: Flask) -> TickResult:
    """One pass of the sequences tick with the app's pool (also the scheduler's tick body)."""
    return enqueue_due_steps(get_pool(app), course_files_url(app.config["SETTINGS"].supabase_url))


def run_webhook_sweep(app: Flask) -> SweepResult:
    """One pass of the webhook sweep with the app's pool and settings (also the scheduler's tick body)."""
    settings = app.config["SETTINGS"]
    return sweep_webhook_events(
        get_pool(app), settings.webhook_sweep_age_seconds, settings.webhook_sweep_max_attempts
    )
