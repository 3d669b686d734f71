"""POST /internal/ticks/sequences and /internal/ticks/webhooks, for Supabase cron or an edge function, and
the X-Internal-Secret check every /internal/ticks/* route shares."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import Unauthorized

from automation.db import get_pool
from automation.webhooks.secrets import secret_matches
from automation.workflows.offers import course_files_url
from automation.workflows.sequence_tick import TickResult, enqueue_due_steps
from automation.workflows.webhook_sweep import SweepResult, sweep_webhook_events

bp = Blueprint("sequence_ticks", __name__)


def require_internal_secret() -> None:
    """Raise Unauthorized (401) unless X-Internal-Secret equals AUTOMATION_INTERNAL_SECRET, compared in
    constant time; while the setting is empty nothing matches, so the ticks stay closed."""
    expected = current_app.config["SETTINGS"].automation_internal_secret
    if not secret_matches(expected, request.headers.get("X-Internal-Secret")):
        raise Unauthorized(
            "Send X-Internal-Secret = AUTOMATION_INTERNAL_SECRET (the ticks stay closed while it is unset)."
        )


bp.before_request(require_internal_secret)


@bp.post("/internal/ticks/sequences")
def sequences_tick():
    return jsonify(asdict(run_sequences(current_app)))


@bp.post("/internal/ticks/webhooks")
def webhooks_tick():
    return jsonify(asdict(run_webhook_sweep(current_app)))


def run_sequences(app: Flask) -> TickResult:
    """One pass of the sequences tick with the app's pool (also the scheduler's tick body)."""
    return enqueue_due_steps(get_pool(app), course_files_url(app.config["SETTINGS"].supabase_url))


def run_webhook_sweep(app: Flask) -> SweepResult:
    """One pass of the webhook sweep with the app's pool and settings (also the scheduler's tick body)."""
    settings = app.config["SETTINGS"]
    return sweep_webhook_events(
        get_pool(app), settings.webhook_sweep_age_seconds, settings.webhook_sweep_max_attempts
    )
