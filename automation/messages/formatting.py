"""How amounts and dates read in messages to Indian families: ₹1,25,000 and 5 January 2026."""

from __future__ import annotations

from datetime import date

SYMBOLS = {"INR": "₹", "USD": "$", "EUR": "€", "GBP": "£"}


def indian_grouping(number: int) -> str:
    """1250000 → 12,50,000: thousands, then groups of two (lakh, crore)."""
    digits = str(abs(number))
    head, tail = digits[:-3], digits[-3:]
    groups: list[str] = []
    while head:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ("-" if number < 0 else "") + ",".join([*groups, tail])


def money(minor_units: int, currency: str = "INR") -> str:
    """Whole amounts without paise (₹12,500); fractional ones with two decimals (₹12,500.50)."""
    whole, fraction = divmod(abs(minor_units), 100)
    sign = "-" if minor_units < 0 else ""
    amount = indian_grouping(whole) if currency == "INR" else f"{whole:,}"
    cents = f".{fraction:02d}" if fraction else ""
    return f"{sign}{SYMBOLS.get(currency, currency + ' ')}{amount}{cents}"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
