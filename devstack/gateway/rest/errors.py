"""PostgREST's error responses: PGRST codes, and SQLSTATE to HTTP status as `mapSQLtoHTTP` does (B.6)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import psycopg
from starlette.responses import Response

# Exact SQLSTATEs first, then two-character classes; anything else is a client error (400).
STATUS_BY_SQLSTATE = {
    "23503": 409,
    "23505": 409,
    "25006": 405,
    "42883": 404,
    "42P01": 404,
    "42P17": 500,
    "53400": 500,
    "57P01": 503,
    "P0001": 400,
}
STATUS_BY_CLASS = {
    "08": 503, "09": 500, "0L": 403, "0P": 403, "28": 403, "25": 500, "2D": 500, "38": 500, "39": 500,
    "3B": 500, "40": 500, "53": 503, "54": 500, "55": 500, "57": 500, "58": 500, "F0": 500, "HV": 500,
    "XX": 500, "P0": 500,
}  # fmt: skip


@dataclass
class RestError(Exception):
    """An error answered as PostgREST answers it: status, the four-key body and extra headers."""

    status: int
    code: str
    message: str
    details: str | list[dict[str, str]] | None = None  # PGRST201 lists the candidate relationships
    hint: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, object]:
        return {"code": self.code, "details": self.details, "hint": self.hint, "message": self.message}

    def response(self) -> Response:
        headers = {"proxy-status": f"PostgREST; error={self.code}", **self.headers}
        return Response(
            json.dumps(self.body(), separators=(",", ":")),
            status_code=self.status,
            headers=headers,
            media_type="application/json; charset=utf-8",
        )


def parse_error(message: str, details: str | None = None, hint: str | None = None) -> RestError:
    """PGRST100: a query parameter that does not follow the URL grammar."""
    return RestError(400, "PGRST100", message, details, hint)


def bad_body(message: str, details: str | None = None) -> RestError:
    """PGRST102: a request body that cannot be used."""
    return RestError(400, "PGRST102", message, details)


def sqlstate_status(sqlstate: str, message: str, is_anon: bool) -> int:
    """The HTTP status PostgREST answers for a database error."""
    if sqlstate == "42501":
        return 401 if is_anon else 403
    if sqlstate.startswith("PT") and sqlstate[2:].isdigit():
        return int(sqlstate[2:])
    if sqlstate == "21000":
        return 400 if "requires a WHERE clause" in message else 500
    if sqlstate == "22023":
        return 401 if "role" in message and "does not exist" in message else 400
    return STATUS_BY_SQLSTATE.get(sqlstate) or STATUS_BY_CLASS.get(sqlstate[:2], 400)


def from_database_error(error: psycopg.Error, is_anon: bool) -> RestError:
    """The response for an error raised by PostgreSQL while serving the request."""
    diag = error.diag
    sqlstate = diag.sqlstate or "XX000"
    message = diag.message_primary or str(error)
    if sqlstate == "PGRST":
        return _raised_pgrst(message, diag.message_detail)
    status = sqlstate_status(sqlstate, message, is_anon)
    headers = {"www-authenticate": "Bearer"} if status == 401 else {}
    return RestError(status, sqlstate, message, diag.message_detail, diag.message_hint, headers)


def _raised_pgrst(message: str, detail: str | None) -> RestError:
    """`RAISE sqlstate 'PGRST'`: the message is the error JSON, the detail the status and headers."""
    try:
        body = json.loads(message)
        meta = json.loads(detail or "{}")
        headers = {k: str(v) for item in meta.get("headers", []) or [] for k, v in item.items()}
        if isinstance(meta.get("headers"), dict):
            headers = {k: str(v) for k, v in meta["headers"].items()}
        return RestError(
            int(meta.get("status", 400)),
            str(body.get("code", "")),
            str(body.get("message", "")),
            body.get("details"),
            body.get("hint"),
            headers,
        )
    except (ValueError, TypeError, AttributeError) as error:
        return RestError(
            500,
            "PGRST121",
            "Could not parse JSON in the \"RAISE SQLSTATE 'PGRST'\" error",
            str(error),
            "Make sure the error MESSAGE and DETAIL are valid JSON objects",
        )
