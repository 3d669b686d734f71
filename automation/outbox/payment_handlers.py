"""The payments/create_payment_link handler: the provider makes the link; the same commit sends it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg

from automation.outbox.registry import ConnFactory, Sent, handles
from automation.providers.errors import ProviderError
from automation.providers.payments import Payer, PaymentLinkRequest
from automation.workflows.payment_links import link_created


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
