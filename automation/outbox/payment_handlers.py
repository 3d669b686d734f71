"""Payments handlers: create_payment_link (made, then sent in the same commit), disable_payment_link, refund,
send_receipt (PDF)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import psycopg

from automation.outbox.registry import ConnFactory, Sent, handles
from automation.providers.errors import ProviderAPIError, ProviderError
from automation.providers.instamojo import InstamojoGateway
from automation.providers.payments import (
    PaymentGateway,
    PaymentLink,
    PaymentLinkRequest,
    RefundRequest,
    RefundState,
)
from automation.providers.supabase_storage import PROVIDER as STORAGE
from automation.receipts.receipt import render_receipt_pdf
from automation.workflows.payment_links import link_created, link_request
from automation.workflows.payment_receipts import email_receipt, receipt_of
from automation.workflows.refunds import record_refund, refused

RECEIPTS_BUCKET = "receipts"


@handles("payments", "create_payment_link")
def create_payment_link(_conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    """Ask the payment's provider for a link; raises ProviderError (the worker retries or dead-letters)."""
    order = row["payload"]
    gateway = _gateway(providers, order["provider"])
    link = _create_once(gateway, link_request(order), attempt=row["attempts"])

    def record(conn: psycopg.Connection) -> None:
        link_created(conn, order["payment_id"], link.provider_ref, link.url, providers.links)

    return Sent(
        {"provider_ref": link.provider_ref, "url": link.url}, provider=gateway.provider, record=record
    )


@handles("payments", "disable_payment_link")
def disable_payment_link(_conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    """Close an Instamojo payment request whose payer paid through another link (private.convert_paid
    expired it), so it takes no second payment; raises ProviderError (the worker retries or dead-letters)."""
    order = row["payload"]
    gateway = _gateway(providers, order["provider"])
    if not isinstance(gateway, InstamojoGateway):
        raise ProviderError(gateway.provider, "has no payment request to disable")
    gateway.disable_link(order["provider_ref"])
    return Sent({"disabled": order["provider_ref"]}, provider=gateway.provider)


@handles("payments", "send_receipt")
def send_receipt(conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    """Render the receipt PDF and store it (bucket receipts, <student>/<payment>.pdf) outside any
    transaction; the sent commit records receipt_path and enqueues the email with the PDF attached.
    Raises ProviderError when Storage refuses or is not configured (the worker retries)."""
    payment_id, student_id = row["payload"]["payment_id"], row["payload"]["student_id"]
    storage = getattr(providers, "storage", None)
    if storage is None:
        raise ProviderError(STORAGE, "not configured; set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY")
    with conn_factory() as conn:
        receipt, issuer = receipt_of(conn, payment_id, student_id)
    pdf = render_receipt_pdf(receipt, issuer)
    path = f"{student_id}/{payment_id}.pdf"
    storage.upload(RECEIPTS_BUCKET, path, pdf, "application/pdf")

    def record(conn: psycopg.Connection) -> None:
        conn.execute("update public.payments set receipt_path = %s where id = %s", (path, payment_id))
        email_receipt(conn, payment_id, student_id, pdf)

    result = {"receipt_number": receipt.number, "pdf_bytes": len(pdf), "receipt_path": path}
    return Sent(result, provider=STORAGE, record=record)


@handles("payments", "refund")
def refund(_conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    """Ask the provider to refund, unless it already has a refund under our reference (an earlier attempt
    whose answer was lost, or a dead row an admin retried): that one is adopted. A first attempt asks at
    once (on Instamojo, finding a refund means listing the account's refunds). The refund is then polled by
    reconciliation, or settled now if the provider already decided; a refusal (4xx) settles it as failed
    with the provider's reason, so the payment is paid again. Raises ProviderError to retry."""
    order = row["payload"]
    gateway = _gateway(providers, order["provider"])
    request = RefundRequest(
        order["reference"], order["provider_ref"], order["provider_payment_id"], order["amount_paise"],
        order["reason"], order["webhook_url"],
    )  # fmt: skip
    # A first attempt made nothing yet under this fresh reference; after any earlier one (a retry, a row
    # reclaimed from a dead worker, an admin's retry of a dead row) the provider may hold our refund.
    earlier = row["attempts"] > 1 or row["last_error"] is not None
    found = gateway.find_refund(request.reference, request.provider_payment_id) if earlier else None
    state = found or _ask(gateway, request)

    def record(conn: psycopg.Connection) -> None:
        record_refund(conn, order["payment_id"], request.reference, state)

    result = {"refund_ref": state.refund_ref, "status": str(state.status), "amount_paise": state.amount_paise}
    return Sent(result, gateway.provider, record)


def _ask(gateway: PaymentGateway, request: RefundRequest) -> RefundState:
    try:
        return gateway.refund(request)
    except ProviderAPIError as error:
        if error.retryable:
            raise
        return refused(gateway.provider, request.reference, refusal=error.reason)


def _create_once(gateway: PaymentGateway, request: PaymentLinkRequest, *, attempt: int) -> PaymentLink:
    """PhonePe refuses a reused order id and its status API does not give the checkout URL back: after an
    unknown outcome, ask whether the order was made. Not made: make it under the same id. Made: make the
    link under an id derived from the attempt (the first order, never shown to a payer, lapses unpaid)."""
    if attempt <= 1 or gateway.provider != "phonepe":
        return gateway.create_link(request)
    try:
        gateway.fetch_status(request.reference)
    except ProviderAPIError as error:
        if error.status != 404:
            raise
        return gateway.create_link(request)
    return gateway.create_link(replace(request, reference=f"{request.reference[:31]}r{attempt}"))


def _gateway(providers: Any, provider: str) -> PaymentGateway:
    gateway = getattr(providers, "payments", {}).get(provider)
    if gateway is None:
        raise ProviderError(provider, "not configured; set its credentials (see .env.example)")
    return gateway
