"""`/rpc/<function>` by POST (JSON named arguments) and GET/HEAD (query arguments), as in B.5."""

from __future__ import annotations

import json
from typing import Any

from psycopg import sql
from starlette.responses import Response

from devstack.gateway.rest.context import RestRequest, cached_plan, read
from devstack.gateway.rest.errors import RestError, bad_body
from devstack.gateway.rest.negotiation import output_for
from devstack.gateway.rest.query_string import parse_query
from devstack.gateway.rest.reads import read_reply
from devstack.gateway.rest.responses import Reply, finish
from devstack.gateway.rest.schema_cache import Function, Snapshot, Table
from devstack.gateway.rest.sql_filters import Statics
from devstack.gateway.rest.statements import Output, Plan, plan_rows, render, wrap
from devstack.gateway.rest.syntax import Query

ARGS = sql.Placeholder("args")


def choose(candidates: list[Function], given: set[str], schema: str, name: str) -> Function:
    """The overload whose parameters fit the given argument names (PGRST202 none, PGRST203 several)."""
    fitting = [
        f
        for f in candidates
        if given <= {a.name for a in f.arguments}
        and {a.name for a in f.arguments if not a.has_default} <= given
    ]
    fitting = fitting or [f for f in candidates if f.single_json_argument]
    if len(fitting) == 1:
        return fitting[0]
    listed = ", ".join(sorted(given))
    if not fitting:
        signature = f"with parameters {listed}" if given else "without parameters"
        raise RestError(
            404,
            "PGRST202",
            f"Could not find the function {schema}.{name}"
            + (f"({listed})" if given else " without parameters")
            + " in the schema cache",
            f"Searched for the function {schema}.{name} {signature} or with a single unnamed "
            "json/jsonb parameter, but no matches were found in the schema cache.",
        )
    raise RestError(300, "PGRST203", f"Could not choose the best candidate function between: {schema}.{name}")


def call_source(function: Function, given: tuple[str, ...], alias: sql.Composable) -> sql.Composable:
    """FROM item calling the function with named arguments typed by its signature."""
    target = sql.Identifier(function.schema, function.name)
    if function.single_json_argument and not {a.name for a in function.arguments} & set(given):
        return sql.SQL("{}({}::{}) as {}").format(target, ARGS, sql.SQL(function.arguments[0].type), alias)
    if not given:
        return sql.SQL("{}() as {}").format(target, alias)
    types = {a.name: a.type for a in function.arguments}
    # Parameter types come from the catalog (format_type), never from the request.
    columns = sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(types[n])) for n in given)
    named = sql.SQL(", ").join(
        sql.SQL("{} => _a.{}").format(sql.Identifier(n), sql.Identifier(n)) for n in given
    )
    return sql.SQL("json_to_record({}::json) as _a({}) cross join lateral {}({}) as {}").format(
        ARGS, columns, target, named, alias
    )


def plan_call(
    snapshot: Snapshot,
    function: Function,
    given: tuple[str, ...],
    query: Query,
    *,
    count: str | None,
    output: Output,
    max_rows: int,
) -> Plan:
    statics = Statics()
    if function.return_kind != "composite":
        source = call_source(function, given, sql.SQL("pgrst_call(pgrst_scalar)"))
        rows = sql.SQL("select pgrst_call.pgrst_scalar from {}").format(source)
        return Plan(render(wrap([("pgrst_source", rows)], sql.SQL("null::bigint"), output)), statics.values)
    table = snapshot.tables.get(function.return_table or ("", "")) or Table(
        function.schema, function.name, "f"
    )
    source = call_source(function, given, sql.Identifier(function.name))
    cap = max_rows if function.returns_set else None
    return plan_rows(snapshot, table, function.name, source, query, count=count, output=output, max_rows=cap)


def _output(rest: RestRequest, function: Function) -> Output:
    if function.return_kind == "void" or rest.head:
        return Output("none")
    if function.return_kind == "scalar":
        return Output("scalars" if function.returns_set else "scalar")
    negotiated = output_for(rest.request.headers.get("accept"))
    return (
        negotiated
        if function.returns_set or negotiated.kind != "json"
        else Output("object", negotiated.strip_nulls)
    )


async def _arguments(rest: RestRequest, candidates: list[Function]) -> tuple[Any, list[tuple[str, str]]]:
    """(arguments, the remaining query pairs): POST takes the JSON body, GET the named parameters."""
    if rest.request.method == "POST":
        raw = await rest.request.body()
        try:
            body = json.loads(raw) if raw.strip() else {}
        except ValueError as error:
            raise bad_body("Empty or invalid json", str(error)) from error
        return body, rest.pairs
    names = {a.name for f in candidates for a in f.arguments}
    repeated: dict[str, list[str]] = {}
    for key, value in rest.pairs:
        if key in names:
            repeated.setdefault(key, []).append(value)
    args = {key: found[0] if len(found) == 1 else found for key, found in repeated.items()}
    return args, [(k, v) for k, v in rest.pairs if k not in names]


async def call_function(rest: RestRequest, snapshot: Snapshot, pool: Any, name: str) -> Response:
    candidates = snapshot.functions.get((rest.schema, name), [])
    args, pairs = await _arguments(rest, candidates)
    function, given = _resolve(candidates, args, rest.schema, name)
    parsed = parse_query(pairs)
    output = _output(rest, function)
    count = rest.prefs.get("count")
    max_rows = rest.settings.max_rows
    plan = cached_plan(
        snapshot,
        ("rpc", id(function), given, parsed.query, count, output),
        lambda: plan_call(
            snapshot, function, given, parsed.query, count=count, output=output, max_rows=max_rows
        ),
    )
    values = {**parsed.values.as_params(), "args": json.dumps(args)}
    read_only = rest.request.method != "POST" or function.volatility in ("i", "s")
    result = await read(rest, pool, plan, values, read_only)
    if function.return_kind == "void":
        return finish(Reply(204, None, output, rest.profile_headers()), result)
    if function.return_kind == "scalar" and not function.returns_set:
        return finish(Reply(200, result.body, output, rest.profile_headers()), result, head=rest.head)
    return finish(read_reply(rest, parsed, result, output, "rpc/" + name), result, head=rest.head)


def _resolve(
    candidates: list[Function], args: Any, schema: str, name: str
) -> tuple[Function, tuple[str, ...]]:
    """The function to call and the argument names passed by name (none when the body goes whole)."""
    given = tuple(args) if isinstance(args, dict) else ()
    function = choose(candidates, set(given), schema, name)
    if function.single_json_argument and not {a.name for a in function.arguments} & set(given):
        return function, ()
    return function, given
