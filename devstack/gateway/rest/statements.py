"""Whole statements: the rows of a level wrapped into (total, page count, body) as PostgREST's do."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from psycopg import sql

from devstack.gateway.rest.planner import ReadCompiler
from devstack.gateway.rest.schema_cache import Snapshot, Table
from devstack.gateway.rest.sql_filters import Statics, placeholder
from devstack.gateway.rest.syntax import Clauses, Param, Query

CSV_BODY = (
    "(select coalesce(string_agg(k.key, ','), '') from (select json_object_keys(row_to_json(h)) as key"
    " from (select * from pgrst_source limit 1) h) k) || chr(10) ||"
    " coalesce(string_agg(substring(_t::text, 2, length(_t::text) - 2), chr(10)), '')"
)
BODIES = {
    ("json", False): "coalesce(json_agg(_t), '[]')::text",
    ("json", True): "coalesce(json_strip_nulls(json_agg(_t)), '[]')::text",
    ("object", False): "coalesce((json_agg(_t) -> 0)::text, 'null')",
    ("object", True): "coalesce(json_strip_nulls(json_agg(_t) -> 0)::text, 'null')",
    ("csv", False): CSV_BODY,
    ("none", False): "null::text",
    ("scalar", False): "coalesce((json_agg(_t.pgrst_scalar) -> 0)::text, 'null')",
    ("scalars", False): "coalesce(json_agg(_t.pgrst_scalar), '[]')::text",
}
RESPONSE_GUCS = (
    "nullif(current_setting('response.headers', true), '') as response_headers,"
    " nullif(current_setting('response.status', true), '') as response_status"
)


@dataclass(frozen=True)
class Output:
    """How the body is rendered: json (array), object (singular), csv, or none (HEAD, minimal)."""

    kind: str = "json"
    strip_nulls: bool = False


@dataclass(frozen=True)
class Plan:
    """SQL text (value-free, so it is prepared once per connection) and the values the plan carries."""

    sql: str
    statics: dict[str, Any]
    count_sql: str | None = None
    wrapped: bool = True  # False: a bare DML statement, whose row count comes from the cursor

    def params(self, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, **self.statics}


def wrap(
    ctes: list[tuple[str, sql.Composable]],
    total: sql.Composable,
    output: Output,
    inserted: sql.Composable | None = None,
) -> sql.Composable:
    """`with <ctes> select total, page_count, body, response GUCs[, inserted] from pgrst_source _t`."""
    body = BODIES[(output.kind, output.strip_nulls and output.kind in ("json", "object"))]
    with_part = sql.SQL(", ").join(sql.SQL("{} as ({})").format(sql.Identifier(n), q) for n, q in ctes)
    extra = sql.SQL(", {}").format(inserted) if inserted is not None else sql.SQL("")
    return sql.SQL(
        "with {} select {} as total, pg_catalog.count(_t) as page_count, {} as body, {}{}"
        " from pgrst_source as _t"
    ).format(with_part, total, sql.SQL(body), sql.SQL(RESPONSE_GUCS), extra)


def render(statement: sql.Composable) -> str:
    return statement.as_string()


def plan_read(
    snapshot: Snapshot, table: Table, query: Query, *, count: str | None, output: Output, max_rows: int
) -> Plan:
    """The statement of GET/HEAD on a table or view."""
    source = sql.SQL("{} as {}").format(sql.Identifier(table.schema, table.name), sql.Identifier(table.name))
    return plan_rows(
        snapshot, table, table.name, source, query, count=count, output=output, max_rows=max_rows
    )


def plan_rows(
    snapshot: Snapshot,
    table: Table,
    alias: str,
    source: sql.Composable,
    query: Query,
    *,
    count: str | None,
    output: Output,
    max_rows: int | None,
) -> Plan:
    """Filtered, ordered, paged rows of `source` (a table or a function call), and a count if asked."""
    statics = Statics()
    rows = page_select(ReadCompiler(snapshot, query, statics), table, alias, source, max_rows=max_rows)
    counted = count_select(ReadCompiler(snapshot, query, statics), table, alias, source)
    exact = sql.SQL("(select pg_catalog.count(*) from ({}) _c)").format(counted)
    total = exact if count in ("exact", "estimated") else sql.SQL("null::bigint")
    count_sql = render(counted) if count in ("planned", "estimated") else None
    return Plan(render(wrap([("pgrst_source", rows)], total, output)), statics.values, count_sql)


def page_select(
    compiler: ReadCompiler,
    table: Table,
    alias: str,
    source: sql.Composable,
    *,
    max_rows: int | None,
    filtered: bool = True,
) -> sql.Composable:
    """The root level's SELECT with order, limit (capped at db-max-rows) and offset."""
    root = compiler.query.at(())
    select, body, joined = compiler.level(table, alias, (), compiler.query.items, source, filtered=filtered)
    order = compiler.order_limit(alias, _without_range(root), joined)
    limit = _limit(root.limit, max_rows, compiler.statics)
    offset = sql.SQL(" offset {}").format(placeholder(root.offset)) if root.offset else sql.SQL("")
    return sql.SQL("select {} {} {}{}{}").format(select, body, order, limit, offset)


def count_select(compiler: ReadCompiler, table: Table, alias: str, source: sql.Composable) -> sql.Composable:
    """The root level without select list, order or paging: what `count=exact` counts."""
    _, body, _ = compiler.level(table, alias, (), compiler.query.items, source, for_count=True)
    return sql.SQL("select 1 {}").format(body)


def _without_range(clauses: Clauses) -> Clauses:
    return replace(clauses, limit=None, offset=None)


def _limit(limit: Param | None, max_rows: int | None, statics: Statics) -> sql.Composable:
    if max_rows is None:
        return sql.SQL(" limit {}").format(placeholder(limit)) if limit else sql.SQL("")
    cap = statics.add(max_rows)
    if limit is None:
        return sql.SQL(" limit {}").format(cap)
    return sql.SQL(" limit least({}::bigint, {}::bigint)").format(placeholder(limit), cap)
