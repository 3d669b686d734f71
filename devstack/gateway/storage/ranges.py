"""Single byte ranges of a download (`Range: bytes=...`)."""

from __future__ import annotations

import re

from devstack.gateway.storage import errors

_SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)", re.ASCII)
# Positions beyond any file; also spares int() from parsing thousands of digits.
_BEYOND = 10**18


def _position(digits: str) -> int:
    return int(digits) if len(digits) < len(str(_BEYOND)) else _BEYOND


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The `(start, end)` bytes (end exclusive) a Range header asks of `size` bytes.

    None means "send everything": no header, several ranges, or one that does not parse, all of
    which HTTP lets a server ignore. A range that starts past the end raises InvalidRange.
    """
    match = _SINGLE_RANGE.fullmatch(header.strip()) if header else None
    if match is None or match.group(1) + match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if not first:
        suffix = _position(last)
        if suffix == 0 or size == 0:
            raise errors.invalid_range()
        return max(0, size - suffix), size
    start = _position(first)
    if last and _position(last) < start:
        return None
    if start >= size:
        raise errors.invalid_range()
    return start, min(_position(last) + 1, size) if last else size
