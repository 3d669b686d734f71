"""Status, Content-Range and body of REST responses, by PostgREST's rules (B.3, B.4)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response

from devstack.gateway.rest.errors import RestError
from devstack.gateway.rest.statements import Output

MEDIA_TYPES = {
    "json": "application/json; charset=utf-8",
    "object": "application/vnd.pgrst.object+json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "none": "application/json; charset=utf-8",
    "scalar": "application/json; charset=utf-8",
    "scalars": "application/json; charset=utf-8",
}


@dataclass
class Result:
    """The one row every statement answers: counts, rendered body and the response GUCs."""

    total: int | None
    page_count: int
    body: str | None
    response_headers: str | None = None
    response_status: str | None = None
    inserted: int | None = None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Result:
        return cls(*row)


@dataclass
class Reply:
    """What the handler answers, before the response GUCs get their say."""

    status: int
    body: str | None
    output: Output
    headers: dict[str, str] = field(default_factory=dict)


def content_range(lower: int, count: int, total: int | None) -> str:
    shown_total = "*" if total is None else str(total)
    if count == 0:
        return f"*/{shown_total}"
    return f"{lower}-{lower + count - 1}/{shown_total}"


def read_status(lower: int, count: int, total: int | None) -> int:
    """PostgREST's rangeStatus: 416 past the end, 206 for a partial page of a known total."""
    if total is None:
        return 200
    if lower > total:
        raise RestError(
            416,
            "PGRST103",
            "Requested range not satisfiable",
            f"An offset of {lower} was requested, but there are only {total} rows.",
        )
    return 206 if lower + count < total else 200


def check_singular(output: Output, count: int) -> None:
    """The object media type needs exactly one row: 406 PGRST116 otherwise."""
    if output.kind == "object" and count != 1:
        raise RestError(
            406,
            "PGRST116",
            "Cannot coerce the result to a single JSON object",
            f"The result contains {count} rows",
        )


def finish(reply: Reply, result: Result, head: bool = False) -> Response:
    """Apply `response.status` / `response.headers` set by the SQL, then build the response."""
    headers = dict(reply.headers)
    status = reply.status
    if result.response_headers:
        for item in json.loads(result.response_headers):
            headers.update({str(k).lower(): str(v) for k, v in item.items()})
    if result.response_status:
        status = int(result.response_status)
    headers.setdefault("content-type", MEDIA_TYPES[reply.output.kind])
    body = b"" if head or reply.body is None or status == 204 else reply.body.encode()
    return Response(body, status_code=status, headers=headers)
