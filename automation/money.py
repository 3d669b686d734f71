"""Money as integer paise: Indian-style ₹ formatting, parsing what people type, provider decimal strings."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

RUPEE = "₹"
PAISE_PER_RUPEE = 100
# Amounts are stored as Postgres bigint; anything larger cannot be kept, so it is refused on input.
MAX_PAISE = 2**63 - 1
# The most one payment asks for (a course's fee, a link's fixed amount, a discount, a refund): ₹1 crore. A
# larger figure is a typo (or a probe): the inputs that take money refuse it, naming the field.
MAX_FEE_PAISE = 1_00_00_000 * PAISE_PER_RUPEE

_CURRENCY_MARKS = re.compile(r"^(?:₹|rs\.?|inr)\s*|\s*(?:₹|rs\.?|inr)$", re.IGNORECASE)
# Digits grouped the Indian way (1,23,45,678), the international way (12,345,678), or not at all.
_GROUPED = re.compile(r"^(?:\d{1,2}(?:,\d{2})*,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$")
_DECIMAL = re.compile(r"^\d+(?:\.\d{1,2})?$")


class MoneyError(ValueError):
    """An amount that is not a valid, non-negative number of rupees and paise."""


def _check_range(paise: int) -> int:
    if paise < 0:
        raise MoneyError("amount cannot be negative")
    if paise > MAX_PAISE:
        raise MoneyError("amount is too large")
    return paise


def group_indian(digits: str) -> str:
    """Insert Indian digit grouping: the last three digits, then pairs (1234567 → 12,34,567)."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs = [head[max(0, end - 2) : end] for end in range(len(head), 0, -2)]
    return ",".join(reversed(pairs)) + "," + tail


def format_inr(paise: int, *, drop_zero_paise: bool = False) -> str:
    """₹ with Indian grouping: 12345600 → "₹1,23,456.00" (or "₹1,23,456" with drop_zero_paise).

    Raises MoneyError for negative or out-of-range amounts.
    """
    rupees, rest = divmod(_check_range(paise), PAISE_PER_RUPEE)
    whole = RUPEE + group_indian(str(rupees))
    if drop_zero_paise and rest == 0:
        return whole
    return f"{whole}.{rest:02d}"


def parse_inr(text: str) -> int:
    """Paise from what a person typed: "₹1,23,456.50", "Rs. 500", "1234.5", "INR 99".

    Raises MoneyError naming the problem: empty, negative, badly grouped, more than two decimals, too large.
    """
    cleaned = _CURRENCY_MARKS.sub("", text.strip()).strip()
    if not cleaned:
        raise MoneyError("enter an amount")
    if cleaned.startswith(("-", "−")):
        raise MoneyError("amount cannot be negative")
    if not _GROUPED.match(cleaned):
        raise MoneyError(f"not an amount in rupees: {text!r}")
    return paise_from_rupees(cleaned.replace(",", ""))


def paise_from_rupees(value: str) -> int:
    """Paise from a plain decimal rupee string as providers send it ("500", "500.5", "500.00")."""
    if not _DECIMAL.match(value):
        raise MoneyError(f"not a decimal rupee amount: {value!r}")
    try:
        paise = Decimal(value) * PAISE_PER_RUPEE
    except InvalidOperation as error:
        raise MoneyError(f"not a decimal rupee amount: {value!r}") from error
    return _check_range(int(paise))


def rupees_from_paise(paise: int) -> str:
    """A plain decimal rupee string with two places, as providers expect it (50000 → "500.00")."""
    rupees, rest = divmod(_check_range(paise), PAISE_PER_RUPEE)
    return f"{rupees}.{rest:02d}"
