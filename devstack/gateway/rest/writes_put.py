"""PUT's extra rules: a single row named by its whole primary key, in the URL and in the body alike."""

from __future__ import annotations

from typing import Any

from devstack.gateway.rest.errors import RestError
from devstack.gateway.rest.query_string import ParsedRequest
from devstack.gateway.rest.schema_cache import Table
from devstack.gateway.rest.syntax import Condition, Param


def _eq_filters(parsed: ParsedRequest) -> dict[str, str]:
    found = {}
    for item in parsed.query.at(()).filters:
        if (
            isinstance(item, Condition)
            and item.operator == "eq"
            and not item.negated
            and not item.column.path
            and isinstance(item.value, Param)
        ):
            found[item.column.name] = str(parsed.values[item.value.index])
    return found


def check_put(table: Table, parsed: ParsedRequest, rows: list[dict[str, Any]]) -> None:
    """PGRST105 without every key column as an eq filter; PGRST115 when the body disagrees."""
    filters = _eq_filters(parsed)
    if not table.primary_key or set(filters) != set(table.primary_key) or len(rows) != 1:
        raise RestError(
            405, "PGRST105", "Filters must include all and only primary key columns with 'eq' operators"
        )
    row = rows[0]
    if any(str(row.get(column)) != filters[column] for column in table.primary_key):
        raise RestError(400, "PGRST115", "Payload values do not match URL in primary key column(s)")
