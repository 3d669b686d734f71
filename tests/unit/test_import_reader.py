"""The CSV reader's file errors: undecodable bytes named on their own physical line, header checks."""

from __future__ import annotations

import io

import pytest

from automation.imports.reader import RESCAN_BYTES, CsvSource, ImportFileError


def _error(data: bytes) -> str:
    with pytest.raises(ImportFileError) as raised:
        list(CsvSource(io.BytesIO(data)).lines())
    return str(raised.value)


def _lines(count: int, newline: str = "\r\n") -> list[str]:
    return ["Name,Email" + newline] + [f"Lead {n},lead{n}@example.com{newline}" for n in range(2, count + 2)]


def test_a_bad_utf16_unit_is_named_on_its_line():
    lines = _lines(5_000, "\n")
    data = bytearray("".join(lines).encode("utf-16"))
    at = data.index("Lead 3001,".encode("utf-16-le"))
    data[at : at + 2] = b"\x00\xdc"  # a lone low surrogate instead of the "L"
    assert _error(bytes(data)).startswith("line 3001: the bytes are not utf-16 text")


def test_lines_ended_by_a_lone_carriage_return_are_counted():
    data = "".join(_lines(5_000, "\r")).encode().replace(b"Lead 4000,", b"Lead \xff4000,")
    assert _error(data).startswith("line 4000: the bytes are not utf-8 text")


def test_a_crlf_split_between_two_reads_is_one_line_break():
    lines = _lines(RESCAN_BYTES // 32)
    lines = lines[: next(n for n in range(len(lines)) if len("".join(lines[: n + 1])) > RESCAN_BYTES - 8)]
    lines.append("Pad," + "x" * (RESCAN_BYTES - 5 - len("".join(lines))) + "\r\n")  # its \r ends the read
    data = "".join(lines).encode()
    assert data[RESCAN_BYTES - 1 : RESCAN_BYTES + 1] == b"\r\n"
    assert _error(data + b"Bad \xff,x\r\n").startswith(f"line {len(lines) + 1}: the bytes are not utf-8")


def test_a_repeated_header_is_refused_naming_its_columns():
    message = _error(b"Name,Phone,Email,Phone\r\nAsha,+919812345678,,\r\n")
    assert message.startswith("line 1: 'Phone' heads columns 2 and 4 (B and D)")


def test_repeated_empty_headers_of_trailing_empty_columns_are_allowed():
    source = CsvSource(io.BytesIO(b"Name,Email,,\r\nAsha,asha@example.com,,\r\n"))
    assert [line.values["Email"] for line in source.lines()] == ["asha@example.com"]
