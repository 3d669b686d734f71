"""Which CSV column holds which lead field: recognized headers, or an explicit col=field mapping."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

FIELDS = ("full_name", "email", "phone", "city", "notes")
ALIASES = {
    "full_name": ("name", "fullname", "studentname", "leadname", "candidatename", "contactname"),
    "email": ("email", "emailaddress", "emailid", "mail", "mailid"),
    "phone": (
        "phone",
        "phonenumber",
        "mobile",
        "mobilenumber",
        "mobileno",
        "whatsapp",
        "whatsappnumber",
        "contact",
        "contactnumber",
        "cell",
    ),
    "city": ("city", "town", "location"),
    "notes": ("notes", "note", "remarks", "comments"),
}


class MappingError(ValueError):
    """The columns cannot be mapped to lead fields; the message names the columns and the fix."""


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def parse_mapping_options(pairs: Sequence[str]) -> dict[str, str]:
    """["Mobile No=phone", ...] → {"Mobile No": "phone"}; raises MappingError for a malformed pair."""
    found: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.rpartition("=")
        if not sep or not column or field not in FIELDS:
            raise MappingError(f"mapping {pair!r}: write column=field with field one of {', '.join(FIELDS)}")
        found[column] = field
    return found


def _one_column_per_field(explicit: Mapping[str, str]) -> None:
    """Raises MappingError naming the columns when two or more are mapped to the same field."""
    for field in dict.fromkeys(explicit.values()):
        columns = [column for column, mapped in explicit.items() if mapped == field]
        if len(columns) > 1:
            names = " and ".join(repr(column) for column in columns)
            raise MappingError(f"columns {names} are each mapped to {field}; map only one column to {field}")


def map_headers(headers: Sequence[str], explicit: Mapping[str, str] | None = None) -> dict[str, str]:
    """{header: field} for every column we use: explicit pairs first, then recognized names.

    Raises MappingError when an explicit column is missing, two columns claim one field, or neither an
    email nor a phone column is found.
    """
    explicit = dict(explicit or {})
    missing = [column for column in explicit if column not in headers]
    if missing:
        names = ", ".join(missing)
        raise MappingError(f"mapped columns not in the header: {names}; the headers are {list(headers)}")
    _one_column_per_field(explicit)
    mapping = dict(explicit)
    for header in headers:
        field = next((f for f, names in ALIASES.items() if _key(header) in names), None)
        if header not in mapping and field and field not in mapping.values():
            mapping[header] = field
    if not {"email", "phone"} & set(mapping.values()):
        raise MappingError(
            f"no email or phone column among {list(headers)}; name one with --mapping 'Column=email' "
            "(or check the delimiter)"
        )
    return mapping
