"""Rows of an import: per-column errors, and in-file repeats sharing their first row's proposed lead."""

from __future__ import annotations

from automation.imports.reader import CsvLine
from automation.imports.rows import InFileDedupe, validate

MAPPING = {"Name": "full_name", "Email": "email", "Phone": "phone"}


def _row(line: int, name: str, email: str, phone: str):
    return validate(CsvLine(line, {"Name": name, "Email": email, "Phone": phone}), MAPPING)


def test_each_unusable_value_is_an_error_naming_its_column():
    row = _row(2, "x" * 201, "asha@", "12")
    assert [column for column, _ in row.errors] == ["Name", "Email", "Phone"]
    assert row.errors[0][1] == "longer than 200 characters"
    assert row.outcome == "rejected"
    assert _row(3, "Asha", "", "").errors == [
        ("email/phone", "both are empty; a lead needs an email or a phone")
    ]


def test_repeats_join_the_first_row_by_email_then_phone_and_share_its_lead():
    dedupe = InFileDedupe()
    asha = dedupe.place(_row(2, "Asha", "asha@example.com", "9876543210"))
    ravi = dedupe.place(_row(3, "Ravi", "ravi@example.com", "9876500001"))
    both = dedupe.place(_row(4, "A", "ASHA@example.com", "98765 00001"))  # Asha's email, Ravi's phone
    by_phone = dedupe.place(_row(5, "R", "", "+91 98765 00001"))
    assert (asha.merged_into, asha.outcome, ravi.merged_into) == (None, None, None)
    assert (both.merged_into, both.lead_id, both.outcome) == (2, asha.lead_id, "merged")
    assert (by_phone.merged_into, by_phone.lead_id) == (3, ravi.lead_id)
    assert asha.lead_id < ravi.lead_id  # proposed ids grow with the file


def test_a_nul_byte_in_a_text_value_is_an_error_naming_its_column():
    row = validate(CsvLine(2, {"Name": "As\x00ha", "City": "Pu\x00ne", "Email": "a@example.com"}),
                   {"Name": "full_name", "City": "city", "Email": "email"})  # fmt: skip
    assert [column for column, _ in row.errors] == ["Name", "City"]
    assert row.errors[0][1].startswith("holds a NUL byte (0x00)")
