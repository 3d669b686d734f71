"""Payment ticks at /internal/ticks/* for Supabase cron or an edge function: reconcile, fee reminders."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, Flask, current_app, jsonify

from automation.api.internal import require_internal_secret
from automation.api.payment_webhooks import payment_gateways
from automation.app_links import AppLinks
from automation.db import get_pool, transaction
from automation.workflows.fee_reminders import send_fee_reminders
from automation.workflows.payment_reconciliation import Report, reconcile

bp = Blueprint("payment_ticks", __name__, url_prefix="/internal/ticks")
bp.before_request(require_internal_secret)


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
