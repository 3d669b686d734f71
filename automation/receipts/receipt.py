"""A receipt for one payment, as HTML (Jinja, bundled CSS) and as PDF (WeasyPrint)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML

from automation.money import format_inr
from automation.receipts.gst import (
    DEFAULT_RATE_PERCENT,
    SAC_COACHING,
    TaxBreakdown,
    gst_breakdown,
    place_of_supply,
    valid_gstin,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "receipts"
PROVIDER_NAMES = {"instamojo": "Instamojo", "phonepe": "PhonePe"}
templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())


@dataclass(frozen=True)
class Issuer:
    """The center issuing receipts. With a GSTIN (gst.receipt_gstin decides), receipts carry GST fields
    and a CGST + SGST breakdown."""

    name: str
    address: str
    gstin: str | None = None
    gst_rate_percent: int = DEFAULT_RATE_PERCENT
    timezone: str = "Asia/Kolkata"

    def __post_init__(self) -> None:
        if self.gstin is not None and not valid_gstin(self.gstin):
            raise ValueError(f"not a GSTIN: {self.gstin!r}")
        ZoneInfo(self.timezone)  # raises for an unknown zone


@dataclass(frozen=True)
class Receipt:
    number: str
    payer_name: str
    course: str
    batch: str
    amount_paise: int
    provider: str
    provider_payment_id: str
    paid_at: datetime  # timezone-aware
    payer_contact: str | None = None
    currency: str = "INR"

    def __post_init__(self) -> None:
        if self.paid_at.tzinfo is None:
            raise ValueError("paid_at must carry a time zone")
        if self.currency != "INR":
            raise ValueError(f"receipts are issued in INR; this payment is in {self.currency}")


def local_time(moment: datetime, zone: str) -> str:
    """e.g. "22 Nov 2025, 8:33 am IST" in the given zone."""
    local = moment.astimezone(ZoneInfo(zone))
    hour = local.hour % 12 or 12
    return f"{local.day} {local:%b %Y}, {hour}:{local:%M} {'am' if local.hour < 12 else 'pm'} {local:%Z}"


def tax_of(receipt: Receipt, issuer: Issuer) -> TaxBreakdown | None:
    """CGST + SGST in the center's state (the payer's state is not recorded; decision 0669), or None."""
    if issuer.gstin is None:
        return None
    return gst_breakdown(receipt.amount_paise, issuer.gst_rate_percent)


def receipt_context(receipt: Receipt, issuer: Issuer) -> dict[str, Any]:
    """Everything the template shows, already formatted."""
    tax = tax_of(receipt, issuer)
    return {
        "receipt": receipt,
        "issuer": issuer,
        "amount": format_inr(receipt.amount_paise),
        "provider": PROVIDER_NAMES.get(receipt.provider, receipt.provider),
        "paid_at": local_time(receipt.paid_at, issuer.timezone),
        "tax": tax,
        "place_of_supply": place_of_supply(issuer.gstin) if issuer.gstin else None,
        "half_rate": f"{issuer.gst_rate_percent / 2:g}",
        "sac": SAC_COACHING,
        "inr": format_inr,
    }


def render_receipt_html(receipt: Receipt, issuer: Issuer) -> str:
    return templates.get_template("receipt.html").render(receipt_context(receipt, issuer))


def render_receipt_pdf(receipt: Receipt, issuer: Issuer) -> bytes:
    """The receipt as PDF bytes; its CSS and fonts come from the templates folder and the system."""
    return HTML(string=render_receipt_html(receipt, issuer), base_url=str(TEMPLATES)).write_pdf()
