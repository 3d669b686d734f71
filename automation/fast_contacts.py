"""Exact fast paths for the common shapes of emails and Indian mobiles (CSV imports, the lead form).

Each returns what `automation.contacts` would return for the value, or None when the value is not one of
the shapes it knows; `clean_email` / `clean_phone` there then ask the full validator. They accept strictly
less than email-validator and phonenumbers do, never reject, and a test over a generated corpus proves
that they agree with them wherever they answer.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES

# Plain ASCII atoms (a subset of RFC 5322 atext) and LDH labels without "--" (so never Punycode).
EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})"
)
LOCAL_MAX, EMAIL_MAX = 64, 254
RESERVED_TLDS = frozenset(name.rsplit(".", 1)[-1] for name in SPECIAL_USE_DOMAIN_NAMES)
# +91, 0 or nothing, then ten digits, whole or as 5 + 5 split by one space or hyphen.
INDIAN_MOBILE = re.compile(r"(?:\+91[ -]?|0)?(\d{5})[ -]?(\d{5})")
_IN = phonenumbers.PhoneMetadata.metadata_for_region("IN")
MOBILE = re.compile(_IN.mobile.national_number_pattern)  # type: ignore[union-attr]
GENERAL = re.compile(_IN.general_desc.national_number_pattern)  # type: ignore[union-attr]


def fast_email(value: str) -> str | None:
    """`value` lower-cased when it is a plain ASCII address email-validator accepts as is, else None."""
    match = EMAIL.fullmatch(value)
    if match is None or len(value) > EMAIL_MAX or len(match["local"]) > LOCAL_MAX or "--" in match["domain"]:
        return None
    if match["domain"].rsplit(".", 1)[1].lower() in RESERVED_TLDS:
        return None
    return value.lower()


def fast_indian_mobile(value: str) -> str | None:
    """The E.164 form of an Indian mobile number written in a common way, else None."""
    match = INDIAN_MOBILE.fullmatch(value)
    if match is None:
        return None
    digits = match[1] + match[2]
    if MOBILE.fullmatch(digits) is None or GENERAL.fullmatch(digits) is None:
        return None
    return "+91" + digits
