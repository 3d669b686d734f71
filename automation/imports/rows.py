"""A CSV record as a lead row: normalized fields, errors by column, its earlier duplicate in the file."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from automation.contacts import ContactError, clean_email, clean_phone
from automation.imports.mapping import FIELDS
from automation.imports.reader import CsvLine

MAX_LENGTHS = {"full_name": 200, "city": 200, "notes": 2000}


class NotText(ValueError):
    """A text value is over its field's limit or holds a NUL byte, which PostgreSQL text cannot store."""


@dataclass
class LeadRow:
    line: int
    fields: dict[str, str | None]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, reason)
    merged_into: int | None = None  # the line of this contact's first row in the file
    lead_id: str | None = None  # the lead this contact becomes, unless it is already one

    @property
    def outcome(self) -> str | None:
        """What the row is known to become before the database is asked: rejected, merged, or unknown."""
        return "rejected" if self.errors else "merged" if self.merged_into else None

    @property
    def error(self) -> str | None:
        return "; ".join(f"{column}: {reason}" for column, reason in self.errors) or None


def validate(record: CsvLine, mapping: dict[str, str]) -> LeadRow:
    """The record's mapped fields, normalized; each unusable value becomes an error naming its column."""
    fields: dict[str, str | None] = dict.fromkeys(FIELDS)
    errors: list[tuple[str, str]] = []
    for column, name in mapping.items():
        value = record.values[column].strip()
        if value:
            try:
                fields[name] = CHECKS[name](value)
            except (ContactError, NotText) as error:
                errors.append((column, str(error)))
    if not errors and not (fields["email"] or fields["phone"]):
        errors.append(("email/phone", "both are empty; a lead needs an email or a phone"))
    return LeadRow(record.line, fields, errors)


def _text(limit: int):
    def check(value: str) -> str:
        if len(value) > limit:
            raise NotText(f"longer than {limit} characters")
        if "\x00" in value:
            raise NotText("holds a NUL byte (0x00), which is not text; delete it (the file may be damaged)")
        return value

    return check


# Emails and phones with a NUL byte are refused by their validators as invalid characters.
CHECKS = {"email": clean_email, "phone": clean_phone} | {
    name: _text(limit) for name, limit in MAX_LENGTHS.items()
}


class LeadIds:
    """New lead ids in the UUIDv7 layout: the import's start in ms, then a random start plus a counter.

    Unique (74 random bits per import, then counted), cheap (no system call per id), and increasing, so
    the leads' primary-key index grows at its right end instead of splitting pages all over."""

    def __init__(self) -> None:
        self._ms = int(time.time() * 1000) & (1 << 48) - 1
        self._next = int.from_bytes(os.urandom(10), "big") >> 6

    def __call__(self) -> str:
        self._next = (self._next + 1) & (1 << 74) - 1
        value = self._ms << 80 | 7 << 76 | (self._next >> 62) << 64 | 2 << 62 | self._next & (1 << 62) - 1
        text = f"{value:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


class InFileDedupe:
    """Marks each row that shares an email or phone with an earlier valid row as that row's duplicate,
    and gives every contact one proposed lead id (its first row's, shared by its repeats)."""

    def __init__(self) -> None:
        self._first: dict[tuple[str, str], tuple[int, str]] = {}  # key → (first line, lead id)
        self._new_id = LeadIds()

    def place(self, row: LeadRow) -> LeadRow:
        if row.errors:
            return row
        email, phone, first = row.fields["email"], row.fields["phone"], self._first
        owner = (email and first.get(("email", email))) or (phone and first.get(("phone", phone)))
        if owner:
            row.merged_into = owner[0]
        else:
            owner = (row.line, self._new_id())
        row.lead_id = owner[1]
        if email:
            first.setdefault(("email", email), owner)
        if phone:
            first.setdefault(("phone", phone), owner)
        return row
