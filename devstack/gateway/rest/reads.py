"""GET and HEAD on tables and views."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from devstack.gateway.rest.context import RestRequest, cached_plan, find_table, read
from devstack.gateway.rest.negotiation import output_for, requested_range
from devstack.gateway.rest.query_string import ParsedRequest, parse_query, with_range
from devstack.gateway.rest.responses import Reply, Result, check_singular, content_range, finish, read_status
from devstack.gateway.rest.schema_cache import Snapshot
from devstack.gateway.rest.statements import Output, plan_read


def parse_with_range(rest: RestRequest) -> ParsedRequest:
    """The query string, with a `Range` header folded into the root offset/limit."""
    parsed = parse_query(rest.pairs)
    wanted = requested_range(rest.request.headers)
    if wanted is not None:
        parsed.query = with_range(parsed.query, parsed.values, *wanted)
    return parsed


def root_offset(parsed: ParsedRequest) -> int:
    offset = parsed.query.at(()).offset
    return int(parsed.values[offset.index]) if offset else 0


def read_reply(rest: RestRequest, parsed: ParsedRequest, result: Result, output: Output, name: str) -> Reply:
    """200/206/416 with Content-Range and Content-Location, singular rule applied."""
    lower = root_offset(parsed)
    status = read_status(lower, result.page_count, result.total)
    check_singular(output, result.page_count)
    headers = {
        "content-range": content_range(lower, result.page_count, result.total),
        "content-location": f"/{name}" + (f"?{rest.request.url.query}" if rest.request.url.query else ""),
        **rest.profile_headers(),
    }
    if rest.prefs.applied:
        headers["preference-applied"] = ", ".join(p for p in rest.prefs.applied if p.startswith("count="))
    headers = {k: v for k, v in headers.items() if v}
    return Reply(status, result.body, output, headers)


async def read_table(rest: RestRequest, snapshot: Snapshot, pool: Any, name: str) -> Response:
    table = find_table(snapshot, rest.schema, name)
    parsed = parse_with_range(rest)
    output = Output("none") if rest.head else output_for(rest.request.headers.get("accept"))
    count = rest.prefs.get("count")
    key = ("read", table.key, parsed.query, count, output)
    plan = cached_plan(
        snapshot,
        key,
        lambda: plan_read(
            snapshot, table, parsed.query, count=count, output=output, max_rows=rest.settings.max_rows
        ),
    )
    values = parsed.values.as_params()
    result = await read(rest, pool, plan, values)
    return finish(read_reply(rest, parsed, result, output, name), result, head=rest.head)
