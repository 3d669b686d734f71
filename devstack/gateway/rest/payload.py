"""Request bodies of writes: JSON (object or array), CSV or a form, as a list of row objects."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import parse_qsl

from devstack.gateway.rest.errors import bad_body
from devstack.gateway.rest.negotiation import body_type


def rows_of(raw: bytes, content_type: str | None) -> list[dict[str, Any]]:
    """The payload as rows; raises PGRST102 for a body that is not an object or array of objects."""
    kind = body_type(content_type)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise bad_body("Empty or invalid json", "The body is not UTF-8") from error
    if kind == "csv":
        return [
            {k: (None if v == "NULL" else v) for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(text))
        ]
    if kind == "form":
        return [dict(parse_qsl(text, keep_blank_values=True))]
    try:
        document = json.loads(text)
    except ValueError as error:
        raise bad_body("Empty or invalid json", str(error)) from error
    rows = document if isinstance(document, list) else [document]
    if not all(isinstance(row, dict) for row in rows):
        raise bad_body("Empty or invalid json", "Expected a JSON object or an array of JSON objects")
    return rows


def payload_columns(rows: list[dict[str, Any]]) -> tuple[str, ...]:
    """The columns a payload names without `columns=`: every row must have the same keys."""
    if not rows:
        return ()
    first = tuple(rows[0])
    if any(set(row) != set(first) for row in rows[1:]):
        raise bad_body("All object keys must match")
    return first
