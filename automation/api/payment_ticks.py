"""Payment ticks at /internal/ticks/* for Supabase cron or an edge function: reconcile, fee reminders."""

from __future__ import annotations

import hmac
from dataclasses import asdict

from flask import Blueprint, Flask, current_app, jsonify, request

from automation.api.payment_webhooks import payment_gateways
from automation.app_links import AppLinks
from automation.db import get_pool, transaction
from automation.errors import error_response
from automation.workflows.fee_reminders import send_fee_reminders
from automation.workflows.payment_reconciliation import Report, reconcile

bp = Blueprint("payment_ticks", __name__, url_prefix="/internal/ticks")


@bp.before_request
def _require_internal_secret():
    given = request.headers.get("X-Internal-Secret", "")
    expected = current_app.config["SETTINGS"].automation_internal_secret
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return error_response(401, "unauthorized", "Send X-Internal-Secret = AUTOMATION_INTERNAL_SECRET.")
    return None


@bp.post("/payments-reconcile")
def payments_reconcile():
    return jsonify(asdict(run_reconciliation(current_app)))


@bp.post("/fee-reminders")
def fee_reminders():
    return jsonify(reminded=run_fee_reminders(current_app))


def run_reconciliation(app: Flask) -> Report:
    """One reconciliation pass with the app's pool and gateways (also the scheduler's tick body)."""
    return reconcile(get_pool(app), payment_gateways(app))


def run_fee_reminders(app: Flask) -> int:
    """Enqueue the fee reminders that are due, in one transaction (also the scheduler's tick body)."""
    links = AppLinks(app.config["SETTINGS"].web_app_url)
    with transaction(get_pool(app)) as conn:
        return send_fee_reminders(conn, links)
