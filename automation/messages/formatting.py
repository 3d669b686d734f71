"""How amounts and dates read in messages to Indian families: ₹1,25,000 and 5 January 2026."""

from __future__ import annotations

from datetime import date

from automation.money import format_inr

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money(minor_units: int, currency: str = "INR") -> str:
    """Whole amounts without paise (₹12,500); fractional ones with two decimals (₹12,500.50)."""
    if currency == "INR":
        return format_inr(minor_units, drop_zero_paise=True)
    whole, fraction = divmod(minor_units, 100)
    cents = f".{fraction:02d}" if fraction else ""
    return f"{SYMBOLS.get(currency, currency + ' ')}{whole:,}{cents}"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
