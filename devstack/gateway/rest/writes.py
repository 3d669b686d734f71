"""POST, PATCH, PUT and DELETE on tables: statuses, Content-Range, Location and Preference-Applied (B.4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import psycopg
from starlette.responses import Response

from devstack.gateway.rest.context import RestRequest, cached_plan, find_table, run
from devstack.gateway.rest.dml import Mutation, check_columns, plan_mutation
from devstack.gateway.rest.errors import RestError
from devstack.gateway.rest.negotiation import output_for
from devstack.gateway.rest.payload import payload_columns, rows_of
from devstack.gateway.rest.query_string import ParsedRequest, parse_query
from devstack.gateway.rest.responses import Reply, Result, check_singular, content_range, finish
from devstack.gateway.rest.schema_cache import Snapshot, Table
from devstack.gateway.rest.statements import Output, Plan
from devstack.gateway.rest.syntax import Column, Field, Query
from devstack.gateway.rest.writes_put import check_put

ACTIONS = {"POST": "insert", "PUT": "insert", "PATCH": "update", "DELETE": "delete"}


def _mutation(rest: RestRequest, table: Table, parsed: ParsedRequest, rows: list[dict[str, Any]]) -> Mutation:
    method = rest.request.method
    columns = parsed.columns if parsed.columns is not None and method == "POST" else payload_columns(rows)
    check_columns(table, columns)
    check_columns(table, parsed.on_conflict or ())
    resolution = "merge-duplicates" if method == "PUT" else rest.prefs.get("resolution")
    return Mutation(
        ACTIONS[method],
        columns,
        parsed.on_conflict or (),
        resolution if method in ("POST", "PUT") else None,
        rest.prefs.get("missing") == "default" and method == "POST",
        rest.prefs.get("return") in ("representation", "headers-only"),
    )


def _shaped_query(rest: RestRequest, table: Table, query: Query) -> Query:
    """`return=headers-only` reads back only the primary key, for the Location header."""
    if rest.prefs.get("return") != "headers-only":
        return query
    return Query(tuple(Field(Column(name)) for name in table.primary_key), query.clauses)


async def write_table(rest: RestRequest, snapshot: Snapshot, pool: Any, name: str) -> Response:
    table = find_table(snapshot, rest.schema, name)
    parsed = parse_query(rest.pairs)
    rows = await _payload(rest, table, parsed)
    mutation = _mutation(rest, table, parsed, rows)
    if (mutation.action == "insert" and not rows) or (mutation.action == "update" and not mutation.columns):
        nothing = Result(None, 0, "[]")
        return finish(_reply(rest, mutation, nothing, Output()), nothing)
    output = _write_output(rest, mutation)
    query = _shaped_query(rest, table, parsed.query)
    count = "exact" if rest.prefs.get("count") else None
    key = ("write", table.key, query, mutation, count, output)
    plan = cached_plan(
        snapshot, key, lambda: plan_mutation(snapshot, table, query, mutation, count=count, output=output)
    )
    params = {
        **parsed.values.as_params(),
        "body": json.dumps(rows[:1] if mutation.action == "update" else rows),
    }
    result = await _run(rest, pool, plan, params, checks=lambda r: _check(rest, mutation, output, r))
    reply = _reply(rest, mutation, result, output)
    if rest.prefs.get("return") == "headers-only":
        reply.headers["location"] = _location(name, table, result)
    return finish(reply, result)


async def _payload(rest: RestRequest, table: Table, parsed: ParsedRequest) -> list[dict[str, Any]]:
    """The body's rows (none for DELETE), after the checks that need no database."""
    root = parsed.query.at(())
    if root.limit or root.offset:
        raise RestError(
            400, "PGRST114", "limit and offset are not supported on writes by the devstack gateway"
        )
    if rest.request.method == "DELETE":
        return []
    rows = rows_of(await rest.request.body(), rest.request.headers.get("content-type"))
    if rest.request.method == "PUT":
        check_put(table, parsed, rows)
    return rows


def _write_output(rest: RestRequest, mutation: Mutation) -> Output:
    """headers-only reads back JSON (for Location); minimal renders nothing."""
    if rest.prefs.get("return") == "headers-only":
        return Output("json")
    return output_for(rest.request.headers.get("accept")) if mutation.returning else Output("none")


async def _run(
    rest: RestRequest, pool: Any, plan: Plan, params: dict[str, Any], checks: Callable[[Result], None]
) -> Result:
    """Execute inside the request transaction; a failed check or `tx=rollback` rolls it back."""
    async with rest.transaction(pool) as conn:
        result = await _execute(conn, plan, params)
        checks(result)
        if rest.prefs.get("tx") == "rollback":
            raise psycopg.Rollback()
    return result


def _check(rest: RestRequest, mutation: Mutation, output: Output, result: Result) -> None:
    if mutation.returning:
        check_singular(output, result.page_count)
    check_max_affected(rest, result.page_count)


def check_max_affected(rest: RestRequest, affected: int) -> None:
    """`Prefer: handling=strict, max-affected=N`: PGRST124 (and a rollback) past N rows."""
    limit = rest.prefs.get("max-affected")
    if rest.prefs.get("handling") == "strict" and limit is not None and affected > int(limit):
        raise RestError(
            400,
            "PGRST124",
            "Query result exceeds max-affected preference constraint",
            f"The query affects {affected} rows",
        )


async def _execute(conn: Any, plan: Any, params: dict[str, Any]) -> Result:
    if plan.wrapped:
        return await run(conn, plan, params)
    async with conn.pipeline():  # leaving a nested pipeline block syncs, so rowcount is known
        cursor = await conn.execute(plan.sql, plan.params(params))
    return Result(None, cursor.rowcount, None)


def _reply(rest: RestRequest, mutation: Mutation, result: Result, output: Output) -> Reply:
    method = rest.request.method
    status = _status(method, mutation, result)
    if not rest.prefs.get("count"):
        result.total = None
    if method == "PATCH":
        shown = content_range(0, result.page_count, result.total)
    else:
        shown = "*/" + ("*" if result.total is None else str(result.total))
    headers = {"content-range": shown, **rest.profile_headers()}
    if rest.prefs.applied:
        headers["preference-applied"] = ", ".join(rest.prefs.applied)
    body = result.body if rest.prefs.get("return") == "representation" else None
    return Reply(status, body, output, headers)


def _status(method: str, mutation: Mutation, result: Result) -> int:
    representation = mutation.returning
    if method == "POST":
        nothing_inserted = (
            mutation.resolution == "merge-duplicates" and result.inserted == 0 and result.page_count
        )
        return 200 if nothing_inserted else 201
    if method == "PUT":
        if not representation:
            return 204
        return 201 if result.inserted else 200
    return 200 if representation else 204


def _location(name: str, table: Table, result: Result) -> str:
    rows = json.loads(result.body or "[]")
    if not rows:
        return f"/{name}"
    keys = "&".join(f"{quote(k)}=eq.{quote(str(v))}" for k, v in rows[0].items())
    return f"/{name}?{keys}"
