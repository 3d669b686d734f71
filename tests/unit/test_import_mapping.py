"""Header auto-mapping and explicit col=field options."""

from __future__ import annotations

import pytest

from automation.imports.mapping import MappingError, map_headers, parse_mapping_options
from automation.imports.reader import detect_encoding, sniff_delimiter


def test_common_headers_are_recognized():
    headers = ["Full Name", "Email Address", "WhatsApp Number", "Town", "Fee"]
    assert map_headers(headers) == {"Full Name": "full_name", "Email Address": "email",
                                    "WhatsApp Number": "phone", "Town": "city"}  # fmt: skip


def test_an_explicit_mapping_wins_and_a_field_is_claimed_once():
    mapping = map_headers(["Mobile", "Alt phone"], parse_mapping_options(["Alt phone=phone"]))
    assert mapping == {"Alt phone": "phone"}


def test_two_columns_mapped_to_one_field_are_refused_by_name():
    explicit = parse_mapping_options(["Mobile=phone", "Email=email", "Alt phone=phone"])
    with pytest.raises(MappingError, match="columns 'Mobile' and 'Alt phone' are each mapped to phone"):
        map_headers(["Mobile", "Email", "Alt phone"], explicit)


@pytest.mark.parametrize("pair", ["phone", "Mobile=telephone", "=phone"])
def test_malformed_pairs_are_refused(pair):
    with pytest.raises(MappingError, match="column=field"):
        parse_mapping_options([pair])


def test_delimiter_and_encoding_come_from_the_header_and_bom():
    assert sniff_delimiter("a;b;c\n1,2;3;4\n") == ";"
    assert sniff_delimiter("name\tphone\n") == "\t"
    assert sniff_delimiter("justone\n") == ","
    assert detect_encoding(b"\xef\xbb\xbfname") == "utf-8-sig"
    assert detect_encoding(b"\xff\xfen\x00") == "utf-16"
    assert detect_encoding(b"name") == "utf-8"
