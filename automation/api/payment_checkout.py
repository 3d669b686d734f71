"""POST /public/payment-links/<link>/checkout: what the web app's /pay/<link> page does when a payer opens a
payment link (decision 0666). A POST, since it may make an order at the provider: a link preview fetching
the page runs no script, so it makes none."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from automation.api.payment_links import link_routes
from automation.api.payment_webhooks import payment_gateways
from automation.db import get_pool, transaction
from automation.errors import error_response
from automation.money import format_inr
from automation.workflows.payment_checkout import RETRY_LATER, Checkout, CheckoutUnavailable, open_checkout
from automation.workflows.payment_provider import PaymentsUnavailable, provider_for_new_links

bp = Blueprint("payment_checkout", __name__)

# Why a link no longer takes payment, as the payer reads it.
CLOSED = {
    "closed": "The center closed this payment link. Contact them if you still want to join.",
    "refunded": "This payment was refunded, so the link is closed. Contact the center to join again.",
    "enrolled": "You already have a seat in this batch: there is nothing to pay.",
    "withdrawn": "This offer is no longer open. Contact the center for a new link.",
    "batch_completed": "This batch has finished. Contact the center about the next one.",
    "batch_cancelled": "This batch was cancelled. Contact the center about another one.",
}
RETRY_AFTER_SECONDS = 2


@bp.post("/public/payment-links/<uuid:link_id>/checkout")
def checkout(link_id):
    try:
        found = open_checkout(
            get_pool(), payment_gateways(), str(link_id), link_routes(), _provider_for_new_orders
        )
    except (CheckoutUnavailable, PaymentsUnavailable) as error:
        current_app.logger.warning("payment link %s: %s", link_id, error)
        retry_after = error.retry_after if isinstance(error, CheckoutUnavailable) else RETRY_LATER
        body, status = error_response(
            503, "provider_unavailable",
            "The payment provider is not answering right now. Nothing was charged: open the link again in "
            "a minute.",
        )  # fmt: skip
        body.headers["Retry-After"] = str(retry_after)
        return body, status
    if found is None:
        return error_response(404, "not_found", "No such payment link; check the link you were given.")
    response = jsonify(_answer(found))
    response.headers["Cache-Control"] = "no-store"
    return response


def _provider_for_new_orders() -> str:
    default = current_app.config["SETTINGS"].payments_provider
    with transaction() as conn:
        return provider_for_new_links(conn, payment_gateways(), default)


def _answer(found: Checkout) -> dict:
    shown = dict(found.shown or {})
    state = "preparing" if found.state in ("lapsed", "renew") else found.state
    answer = {"state": state, **shown}
    if shown.get("amount_paise") is not None:
        answer["amount"] = format_inr(shown["amount_paise"], drop_zero_paise=True)
    if state == "checkout":
        answer["url"] = found.url
    if state in ("settled", "in_progress"):
        answer["payment"] = found.payment
    if state == "preparing":
        answer["retry_after"] = RETRY_AFTER_SECONDS
    if state == "closed":
        answer["reason"] = found.reason
        answer["message"] = CLOSED.get(found.reason or "", "This link no longer takes payment.")
    return answer
