"""POST /internal/ticks/payments-reconcile: the reconciliation tick, for Supabase cron or an edge function."""

from __future__ import annotations

import hmac
from dataclasses import asdict

from flask import Blueprint, Flask, current_app, jsonify, request

from automation.api.payment_webhooks import payment_gateways
from automation.db import get_pool
from automation.errors import error_response
from automation.workflows.payment_reconciliation import reconcile

bp = Blueprint("payment_ticks", __name__)


@bp.post("/internal/ticks/payments-reconcile")
def payments_reconcile():
    given = request.headers.get("X-Internal-Secret", "")
    expected = current_app.config["SETTINGS"].automation_internal_secret
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return error_response(401, "unauthorized", "Send X-Internal-Secret = AUTOMATION_INTERNAL_SECRET.")
    return jsonify(asdict(run_reconciliation(current_app)))


def run_reconciliation(app: Flask):
    """One reconciliation pass with the app's pool and gateways (also the scheduler's tick body)."""
    return reconcile(get_pool(app), payment_gateways(app))
