"""`postgres_changes` bindings of a join: event, schema, table, the filter grammar, and ids (E.3, E.5)."""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from typing import Any

EVENTS = ("*", "INSERT", "UPDATE", "DELETE")
OPERATORS = {"eq": "=", "neq": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "in": "= any"}
FILTER = re.compile(r"^(?P<column>[^=]+)=(?P<op>eq|neq|lt|lte|gt|gte|in)\.(?P<value>.*)$", re.DOTALL)
ID_BITS = (1 << 27) - 1  # the range of the server's :erlang.phash2 ids


class BindingError(ValueError):
    """A binding the server refuses; the text goes into the `system` error message."""


@dataclass(frozen=True)
class Filter:
    """`column=op.value`; for `in` the value is a Postgres array literal."""

    column: str
    op: str
    value: str

    @property
    def sql_operator(self) -> str:
        return OPERATORS[self.op]


@dataclass(frozen=True)
class Binding:
    id: int
    event: str
    schema: str
    table: str | None
    filter: Filter | None

    def covers(self, schema: str, table: str) -> bool:
        return self.schema in ("*", schema) and self.table in (None, "*", table)

    def wants(self, schema: str, table: str, action: str) -> bool:
        """Whether a change of `action` on schema.table matches (before filters and RLS)."""
        return self.covers(schema, table) and self.event in ("*", action)


def reply_entry(raw: dict[str, Any]) -> dict[str, Any]:
    """The join reply's entry for a requested binding: what was asked, plus a stable integer id."""
    echo = {
        "event": raw.get("event", "*"),
        "schema": raw.get("schema") or "public",
        "table": raw.get("table") or None,
        "filter": raw.get("filter") or None,
    }
    echo = {key: value for key, value in echo.items() if value is not None}
    return {"id": zlib.crc32(json.dumps(echo, sort_keys=True).encode()) & ID_BITS, **echo}


def parse_filter(text: str) -> Filter:
    match = FILTER.match(text)
    if not match:
        raise BindingError(f"Error parsing `filter` params: [{text}]")
    value = match["value"]
    if match["op"] == "in":
        if not (value.startswith("(") and value.endswith(")")):
            raise BindingError(f"Error parsing `filter` params: [{text}]: `in` needs a list in parentheses")
        value = "{" + value[1:-1] + "}"
    return Filter(match["column"].strip(), match["op"], value)


def parse_binding(raw: dict[str, Any]) -> Binding:
    """One entry of `config.postgres_changes`; raises BindingError."""
    entry = reply_entry(raw)
    event = str(entry["event"]).upper()
    if event not in EVENTS:
        raise BindingError(f"Invalid event {entry['event']!r}: expected one of {', '.join(EVENTS)}")
    parsed = parse_filter(entry["filter"]) if "filter" in entry else None
    return Binding(entry["id"], event, entry["schema"], entry.get("table"), parsed)
