"""Payments handlers: create_payment_link (made, then sent in the same commit) and send_receipt (PDF)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg

from automation.outbox.registry import ConnFactory, Sent, handles
from automation.providers.errors import ProviderError
from automation.providers.payments import Payer, PaymentLinkRequest
from automation.receipts.receipt import render_receipt_pdf
from automation.workflows.payment_links import link_created
from automation.workflows.payment_receipts import email_receipt, receipt_of


@handles("payments", "create_payment_link")
def create_payment_link(_conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    """Ask the payment's provider for a link; raises ProviderError (the worker retries or dead-letters)."""
    order = row["payload"]
    gateway = getattr(providers, "payments", {}).get(order["provider"])
    if gateway is None:
        raise ProviderError(order["provider"], "not configured; set its credentials (see .env.example)")
    request = PaymentLinkRequest(
        order["reference"], order["amount_paise"], order["purpose"], Payer(**order["payer"]),
        order["redirect_url"], order["webhook_url"],
    )  # fmt: skip
    link = gateway.create_link(request)

    def record(conn: psycopg.Connection) -> None:
        link_created(conn, order["payment_id"], link.provider_ref, link.url)

    return Sent(
        {"provider_ref": link.provider_ref, "url": link.url}, provider=gateway.provider, record=record
    )


@handles("payments", "send_receipt")
def send_receipt(conn_factory: ConnFactory, row: Mapping[str, Any], _providers: Any) -> Sent:
    """Render the receipt PDF outside any transaction; its email is enqueued in the sent commit."""
    payment_id, student_id = row["payload"]["payment_id"], row["payload"]["student_id"]
    with conn_factory() as conn:
        receipt, issuer = receipt_of(conn, payment_id, student_id)
    pdf = render_receipt_pdf(receipt, issuer)

    def record(conn: psycopg.Connection) -> None:
        email_receipt(conn, payment_id, student_id, pdf)

    return Sent({"receipt_number": receipt.number, "pdf_bytes": len(pdf)}, record=record)
