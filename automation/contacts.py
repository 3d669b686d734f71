"""Normalizing contact details: emails validated and lower-cased, phones to E.164 (default region IN)."""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from automation.fast_contacts import fast_email, fast_indian_mobile

DEFAULT_REGION = "IN"


class ContactError(ValueError):
    """A contact detail is unusable; the message says what is wrong and what to send instead."""


def normalize_email(value: str) -> str:
    """The address in canonical form (domain lower-cased, whole address compared case-insensitively)."""
    try:
        found = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ContactError(f"not a valid email address: {error}") from None
    return found.normalized.lower()


def normalize_phone(value: str, region: str = DEFAULT_REGION) -> str:
    """The number in E.164; numbers without a country code are read as `region` numbers."""
    try:
        number = phonenumbers.parse(value.strip(), region)
    except phonenumbers.NumberParseException:
        raise ContactError("not a phone number; send digits with an optional +country code") from None
    if not phonenumbers.is_valid_number(number):
        raise ContactError("not a valid phone number for its country; check the digits and country code")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def clean_email(value: str) -> str:
    """What normalize_email returns, by the exact fast path when the address has a plain shape."""
    return fast_email(value) or normalize_email(value)


def clean_phone(value: str) -> str:
    """What normalize_phone returns (region IN), by the exact fast path for a common Indian mobile."""
    return fast_indian_mobile(value) or normalize_phone(value)
