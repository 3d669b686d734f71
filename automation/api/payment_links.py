"""POST /admin/payment-links: an admin makes a payment link for a lead or a student for a batch."""

from __future__ import annotations

from uuid import UUID

import psycopg
from flask import Blueprint, current_app, g, jsonify, request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from automation.api.admin_models import DiscountPaise, FeePaise
from automation.api.auth import require_role
from automation.api.payment_webhooks import payment_gateways
from automation.db import transaction
from automation.errors import error_response
from automation.workflows.payment_links import (
    AlreadyPaid,
    LinkError,
    LinkOrder,
    LinkRoutes,
    close_payment_link,
    create_payment_link,
)
from automation.workflows.payment_provider import PaymentsUnavailable, provider_for_new_links

bp = Blueprint("payment_links", __name__, url_prefix="/admin")


def link_routes() -> LinkRoutes:
    """Where this service's links send payers back and their provider posts webhooks."""
    settings = current_app.config["SETTINGS"]
    return LinkRoutes(settings.payment_return_page, settings.automation_url)


def provider_if_any(conn: psycopg.Connection) -> str | None:
    """The provider new links go through, or None while payments are not set up (nothing to make)."""
    default = current_app.config["SETTINGS"].payments_provider
    try:
        return provider_for_new_links(conn, payment_gateways(), default)
    except PaymentsUnavailable:
        return None


class PaymentLinkBody(BaseModel):
    """A discount or a fixed amount (never both) needs a pricing_note saying why."""

    model_config = ConfigDict(extra="forbid")

    batch_id: UUID
    lead_id: UUID | None = None
    profile_id: UUID | None = None
    discount_paise: DiscountPaise = 0
    amount_paise: FeePaise | None = None
    pricing_note: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _one_payer_one_price_change(self) -> PaymentLinkBody:
        if (self.lead_id is None) == (self.profile_id is None):
            raise ValueError("give exactly one of lead_id (a lead) or profile_id (a student)")
        if self.amount_paise is not None and self.discount_paise:
            raise ValueError("give a discount_paise or a fixed amount_paise, not both")
        return self


@bp.post("/payment-links")
@require_role("admin")
def create():
    body = PaymentLinkBody.model_validate(request.get_json(silent=True) or {})
    settings = current_app.config["SETTINGS"]
    order = LinkOrder(
        str(body.batch_id), body.lead_id and str(body.lead_id), body.profile_id and str(body.profile_id),
        body.discount_paise, body.amount_paise, body.pricing_note,
    )  # fmt: skip
    try:
        with transaction() as conn:
            provider = provider_for_new_links(conn, payment_gateways(), settings.payments_provider)
            made = create_payment_link(conn, order, link_routes(), provider, g.user_id)
    except PaymentsUnavailable as error:
        return error_response(409, "payments_off", str(error))
    except AlreadyPaid as error:
        return error_response(409, "already_paid", str(error))
    except LinkError as error:
        return error_response(422, "invalid_input", str(error), fields={str(error).split(":")[0]: str(error)})
    return jsonify(made), 201


class CloseLinkBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=500)


# Why a link cannot be closed, by private.close_payment_link's answer.
NOT_CLOSED = {
    "settled": ("already_paid", "The payer already paid for this batch: refund the payment instead."),
    "in_progress": ("payment_in_progress",
                    "A payment on this link is under way: wait until it settles, then refund or close."),
}  # fmt: skip


@bp.post("/payment-links/<uuid:link_id>/close")
@require_role("admin")
def close(link_id):
    body = CloseLinkBody.model_validate(request.get_json(silent=True) or {})
    with transaction() as conn:
        outcome = close_payment_link(conn, str(link_id), g.user_id, body.reason)
    if outcome == "missing":
        return error_response(404, "not_found", "No such payment link.")
    if outcome in NOT_CLOSED:
        return error_response(409, *NOT_CLOSED[outcome])
    return jsonify(link=str(link_id), state="closed")
