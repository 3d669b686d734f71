"""GET /public/payments/<id>: the confirmed status a payer's return page polls (never the redirect's word)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from automation.api.payment_webhooks import payment_gateways
from automation.db import get_pool
from automation.errors import error_response
from automation.workflows.payment_status import payer_status

bp = Blueprint("payment_status", __name__)


@bp.get("/public/payments/<uuid:payment_id>")
def show(payment_id):
    found = payer_status(get_pool(), payment_gateways(), str(payment_id))
    if found is None:
        return error_response(404, "not_found", "No such payment; check the link you were given.")
    response = jsonify(found)
    response.headers["Cache-Control"] = "no-store"
    return response
