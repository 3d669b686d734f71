"""Money: ₹ formatting with Indian grouping, parsing what people type, and refusing bad amounts."""

from __future__ import annotations

import pytest

from automation.money import (
    MAX_PAISE,
    MoneyError,
    format_inr,
    group_indian,
    paise_from_rupees,
    parse_inr,
    rupees_from_paise,
)


@pytest.mark.parametrize(
    ("digits", "grouped"),
    [
        ("0", "0"),
        ("999", "999"),
        ("1000", "1,000"),
        ("12345", "12,345"),
        ("123456", "1,23,456"),
        ("1234567", "12,34,567"),
        ("12345678", "1,23,45,678"),
        ("123456789", "12,34,56,789"),
    ],
)
def test_groups_digits_the_indian_way(digits, grouped):
    assert group_indian(digits) == grouped


@pytest.mark.parametrize(
    ("paise", "text"),
    [
        (0, "₹0.00"),
        (5, "₹0.05"),
        (99, "₹0.99"),
        (100, "₹1.00"),
        (50000, "₹500.00"),
        (12345650, "₹1,23,456.50"),
        (12345600, "₹1,23,456.00"),
        (10000000000, "₹10,00,00,000.00"),
    ],
)
def test_formats_paise_as_rupees(paise, text):
    assert format_inr(paise) == text


def test_whole_rupees_can_drop_the_paise():
    assert format_inr(12345600, drop_zero_paise=True) == "₹1,23,456"
    assert format_inr(12345650, drop_zero_paise=True) == "₹1,23,456.50"


@pytest.mark.parametrize("bad", [-1, MAX_PAISE + 1])
def test_formatting_refuses_negative_and_overflowing_amounts(bad):
    with pytest.raises(MoneyError):
        format_inr(bad)


@pytest.mark.parametrize(
    ("typed", "paise"),
    [
        ("500", 50000),
        ("500.5", 50050),
        ("500.05", 50005),
        ("0.01", 1),
        ("₹1,23,456.50", 12345650),
        ("₹ 1,23,456", 12345600),
        ("Rs. 2,500", 250000),
        ("rs 99", 9900),
        ("INR 1,000", 100000),
        ("1,000 INR", 100000),
        ("123,456", 12345600),
        ("12,345,678.90", 1234567890),
        ("  42  ", 4200),
        ("0", 0),
    ],
)
def test_parses_what_people_type(typed, paise):
    assert parse_inr(typed) == paise


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "enter an amount"),
        ("₹", "enter an amount"),
        ("-5", "negative"),
        ("−5", "negative"),
        ("₹-5", "negative"),
        ("1.234", "not an amount"),
        ("1,2,3", "not an amount"),
        ("12,34", "not an amount"),
        ("1,23,4567", "not an amount"),
        ("abc", "not an amount"),
        ("1e5", "not an amount"),
        ("5.", "not an amount"),
        (".5", "not an amount"),
        ("NaN", "not an amount"),
        ("1 000", "not an amount"),
        ("9" * 30, "too large"),
    ],
)
def test_rejects_bad_input_saying_why(typed, reason):
    with pytest.raises(MoneyError, match=reason):
        parse_inr(typed)


def test_the_largest_storable_amount_round_trips():
    assert parse_inr(rupees_from_paise(MAX_PAISE)) == MAX_PAISE
    with pytest.raises(MoneyError, match="too large"):
        paise_from_rupees("92233720368547758.08")  # MAX_PAISE + 1


def test_provider_decimal_strings_round_trip():
    assert rupees_from_paise(50000) == "500.00"
    assert rupees_from_paise(7) == "0.07"
    assert paise_from_rupees("500.00") == 50000
    with pytest.raises(MoneyError):
        paise_from_rupees("1,000")
    with pytest.raises(MoneyError):
        rupees_from_paise(-100)
