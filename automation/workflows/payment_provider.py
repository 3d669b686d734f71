"""Which provider a new payment link goes through: the admin's choice on the Settings page when its
credentials are set, else the deployment's PAYMENTS_PROVIDER."""

from __future__ import annotations

from collections.abc import Collection

import psycopg
from psycopg.rows import scalar_row

CHOSEN = "select payment_provider::text from public.automation_settings"


class PaymentsUnavailable(Exception):
    """No configured provider can take a new payment; the message says what to set."""


def provider_for_new_links(conn: psycopg.Connection, configured: Collection[str], default: str | None) -> str:
    chosen = conn.cursor(row_factory=scalar_row).execute(CHOSEN).fetchone()
    if chosen in configured:
        return chosen
    if default in configured:
        return default
    raise PaymentsUnavailable(
        f"New payment links go through {chosen or default or 'a payment provider'}, whose credentials are"
        " not set: enter them under Settings → Provider credentials (or set PAYMENTS_PROVIDER and its"
        " variables for the service)."
    )
