"""Streaming CSV reading: encoding from the BOM (else UTF-8), sniffed delimiter, records with line numbers."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

SAMPLE_CHARS = 65_536
RESCAN_BYTES = 1 << 20
DELIMITERS = ",;\t|"
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# The codec that decodes what follows each byte-order mark, without it.
AFTER_BOM = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}


class ImportFileError(ValueError):
    """The file as a whole cannot be read as a CSV of contacts; the message says where and what to do."""


@dataclass(frozen=True)
class CsvLine:
    line: int  # the file's line number where the record ends (the header is line 1)
    values: dict[str, str]  # header → value


def detect_encoding(head: bytes) -> str:
    """The encoding a byte-order mark announces, else UTF-8 (what "CSV UTF-8" exports write)."""
    return next((name for bom, name in BOMS if head.startswith(bom)), "utf-8")


def sniff_delimiter(sample: str) -> str:
    """The one of , ; tab | that the header line (the sample's first line) uses most, else a comma.

    The header alone decides: later rows may be ragged or hold delimiters inside quotes.
    """
    header = sample.splitlines()[0] if sample else ""
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


class CsvSource:
    """One seekable binary CSV file: its encoding, delimiter, header and records, read lazily."""

    def __init__(self, binary: BinaryIO) -> None:
        self._binary = binary
        self.encoding = detect_encoding(binary.read(4))
        binary.seek(0)
        self._text = io.TextIOWrapper(binary, encoding=self.encoding, errors="strict", newline="")
        self.delimiter = sniff_delimiter(self._guarded(lambda: self._text.read(SAMPLE_CHARS), 1))
        self._text.seek(0)
        self._reader = csv.reader(self._text, delimiter=self.delimiter)
        first = self._next_cells()
        if not first or not any(cell.strip() for cell in first):
            raise ImportFileError("line 1: the file is empty or starts blank; put the header on line 1")
        self.headers = [cell.strip() for cell in first]
        check_headers(self.headers)

    def lines(self) -> Iterator[CsvLine]:
        """Every record after the header; raises ImportFileError on a ragged row or unreadable bytes."""
        width = len(self.headers)
        while (cells := self._next_cells()) is not None:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != width:
                raise ImportFileError(
                    f"line {self._reader.line_num}: {len(cells)} fields where the header has {width}; "
                    "quote values that contain the delimiter and check the file is not cut short"
                )
            yield CsvLine(self._reader.line_num, dict(zip(self.headers, cells, strict=True)))

    def _next_cells(self) -> list[str] | None:
        return self._guarded(lambda: next(self._reader, None), self._reader.line_num + 1)

    def _guarded(self, read, line: int):
        try:
            return read()
        except UnicodeDecodeError:
            # The text layer decodes ahead of the csv reader, so the reader's line is not the bad byte's.
            line = line_of_first_bad_bytes(self._binary)
            raise ImportFileError(
                f"line {line}: the bytes are not {self.encoding} text; save the file as 'CSV UTF-8'"
            ) from None
        except csv.Error as error:
            reason = f"line {line}: not readable as CSV ({error}); is this the right file?"
            raise ImportFileError(reason) from None


def check_headers(headers: list[str]) -> None:
    """Raises ImportFileError for a header holding a NUL byte (headers are stored as text), or naming each
    non-empty header that heads two or more columns (records are {header: value}: one would be lost)."""
    if any("\x00" in header for header in headers):
        raise ImportFileError(
            "line 1: a header holds a NUL byte (0x00), which is not text; save the file as 'CSV UTF-8'"
        )
    columns: dict[str, list[int]] = {}
    for number, header in enumerate(headers, start=1):
        if header:
            columns.setdefault(header, []).append(number)
    repeated = [
        f"{header!r} heads columns {' and '.join(map(str, numbers))} ({' and '.join(map(_letters, numbers))})"
        for header, numbers in columns.items()
        if len(numbers) > 1
    ]
    if repeated:
        raise ImportFileError(
            f"line 1: {'; '.join(repeated)}; give each column its own name, or delete the extra copy"
        )


def _letters(number: int) -> str:
    """A column's name in a spreadsheet: 1 → A, 27 → AA."""
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def line_of_first_bad_bytes(binary: BinaryIO) -> int:
    """The physical line (1-based; breaks are \\n, \\r\\n or \\r, as the csv reader counts them) of the
    first bytes that do not decode. Re-reads the file from its start in chunks; only errors call it."""
    binary.seek(0)
    head = binary.read(4)
    bom = next((bom for bom in AFTER_BOM if head.startswith(bom)), b"")
    codec = AFTER_BOM.get(bom, "utf-8")
    binary.seek(len(bom))
    decoder, breaks = codecs.getincrementaldecoder(codec)(), _LineBreaks()
    while True:
        chunk = binary.read(RESCAN_BYTES)
        try:
            breaks.add(decoder.decode(chunk, final=not chunk))
        except UnicodeDecodeError as error:
            breaks.add(error.object[: error.start].decode(codec, errors="replace"))
            return breaks.count + 1
        if not chunk:
            return breaks.count + 1


class _LineBreaks:
    """Counts line breaks across chunks of text, a \\r\\n split between two chunks counted once."""

    def __init__(self) -> None:
        self.count, self._after_cr = 0, False

    def add(self, text: str) -> None:
        if text:
            self.count += text.count("\n") + text.count("\r") - text.count("\r\n")
            self.count -= self._after_cr and text[0] == "\n"
            self._after_cr = text[-1] == "\r"


def count_records(binary: BinaryIO) -> int | None:
    """How many records an import of `binary` will read (blank lines skipped); None if it cannot be read."""
    try:
        return sum(1 for _ in CsvSource(binary).lines())
    except ImportFileError:
        return None
