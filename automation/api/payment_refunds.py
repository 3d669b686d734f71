"""POST /admin/payments/<id>/refunds: an admin refunds a paid payment, fully or in part (contract C2)."""

from __future__ import annotations

from uuid import UUID

from flask import Blueprint, current_app, g, jsonify, request
from pydantic import BaseModel, ConfigDict, Field

from automation.api.auth import require_role
from automation.db import transaction
from automation.errors import error_response
from automation.workflows.refunds import NotRefundable, RefundOrder, request_refund

bp = Blueprint("payment_refunds", __name__, url_prefix="/admin")


class RefundBody(BaseModel):
    """amount_paise null refunds whatever is left of the payment."""

    model_config = ConfigDict(extra="forbid")

    amount_paise: int | None = Field(default=None, gt=0)
    reason: str = Field(min_length=1, max_length=500, pattern=r"\S")


class RefundAccepted(BaseModel):
    payment_id: str
    status: str


@bp.post("/payments/<uuid:payment_id>/refunds")
@require_role("admin")
def create(payment_id: UUID):
    body = RefundBody.model_validate(request.get_json(silent=True) or {})
    service_url = current_app.config["SETTINGS"].automation_url.rstrip("/")
    order = RefundOrder(str(payment_id), body.amount_paise, body.reason.strip(), service_url)
    try:
        with transaction() as conn:
            accepted = request_refund(conn, order, g.user_id)
    except LookupError:
        return error_response(404, "not_found", f"No payment {payment_id}.")
    except NotRefundable as error:
        return error_response(409, "not_refundable", str(error))
    return jsonify(accepted), 202
