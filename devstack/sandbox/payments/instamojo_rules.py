"""Instamojo's input rules, as the sandbox enforces them: field name → list of messages, like the API."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

MIN_RUPEES = Decimal(9)
MAX_RUPEES = Decimal(200000)
REFUND_TYPES = ("RFD", "TNR", "QFL", "QNR", "EWN", "TAN", "PTH")
_PHONE = re.compile(r"^(?:\+91)?([6-9]\d{9})$")
_TRUE = {"true", "1", "yes", "on"}

Errors = dict[str, list[str]]


def rupees(paise: int) -> str:
    return f"{paise // 100}.{paise % 100:02d}"


def flag(value: Any) -> bool:
    """Booleans arrive as JSON true/false or as form text ("True", "false", "1")."""
    return value if isinstance(value, bool) else str(value or "").strip().lower() in _TRUE


def paise_of(value: Any) -> int | None:
    """Paise from a rupee amount with at most two decimals, or None if it is not one."""
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        return None
    return int(amount * 100)


def _amount_errors(value: Any) -> list[str]:
    if value in (None, ""):
        return ["This field is required."]
    paise = paise_of(value)
    if paise is None:
        return ["A valid number is required."]
    if paise < MIN_RUPEES * 100:
        return [f"Ensure this value is greater than or equal to {MIN_RUPEES}."]
    if paise > MAX_RUPEES * 100:
        return [f"Ensure this value is less than or equal to {MAX_RUPEES}."]
    return []


def _contact_errors(fields: dict[str, Any]) -> Errors:
    errors: Errors = {}
    if fields.get("email") and "@" not in str(fields["email"]):
        errors["email"] = ["Enter a valid email address."]
    if fields.get("phone") and not _PHONE.match(str(fields["phone"]).replace(" ", "")):
        errors["phone"] = ["Enter a valid phone number."]
    if flag(fields.get("send_email")) and not fields.get("email"):
        errors.setdefault("email", []).append("Email is required when send_email is true.")
    if flag(fields.get("send_sms")) and not fields.get("phone"):
        errors.setdefault("phone", []).append("Phone is required when send_sms is true.")
    return errors


def invalid_request(fields: dict[str, Any]) -> Errors:
    """Every problem with a create-payment-request body; empty when it is acceptable."""
    errors: Errors = {}
    if amount_errors := _amount_errors(fields.get("amount")):
        errors["amount"] = amount_errors
    if not str(fields.get("purpose") or "").strip():
        errors["purpose"] = ["This field is required."]
    for url_field in ("redirect_url", "webhook"):
        value = str(fields.get(url_field) or "")
        if value and not value.startswith(("http://", "https://")):
            errors[url_field] = ["Enter a valid URL."]
    return {**errors, **_contact_errors(fields)}


def normalised_phone(value: Any) -> str | None:
    match = _PHONE.match(str(value or "").replace(" ", ""))
    return f"+91{match.group(1)}" if match else None


def invalid_refund(fields: dict[str, Any], refundable_paise: int) -> Errors:
    """Problems with a refund body, given how much of the payment can still be refunded."""
    errors: Errors = {}
    if fields.get("type") not in REFUND_TYPES:
        errors["type"] = [f"Choose one of {', '.join(REFUND_TYPES)}."]
    if not str(fields.get("body") or "").strip():
        errors["body"] = ["This field is required."]
    if fields.get("refund_amount") not in (None, ""):
        paise = paise_of(fields["refund_amount"])
        if paise is None or paise <= 0 or paise > refundable_paise:
            errors["refund_amount"] = ["Enter an amount up to what was paid and not yet refunded."]
    return errors
