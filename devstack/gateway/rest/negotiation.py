"""Content negotiation and request headers: Accept, Content-Type, Prefer, Range, profiles (B.3)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from starlette.datastructures import Headers

from devstack.gateway.rest.errors import RestError
from devstack.gateway.rest.statements import Output

PREFERENCE_VALUES = {
    "return": {"minimal", "headers-only", "representation"},
    "count": {"exact", "planned", "estimated"},
    "resolution": {"merge-duplicates", "ignore-duplicates"},
    "missing": {"default", "null"},
    "handling": {"lenient", "strict"},
    "tx": {"commit", "rollback"},
}
RANGE = re.compile(r"^([0-9]+)-([0-9]*)$")
READ_METHODS = ("GET", "HEAD")


@dataclass(frozen=True)
class Preferences:
    """The Prefer header, repeated or comma-joined; `applied` is what Preference-Applied echoes."""

    values: dict[str, str] = field(default_factory=dict)
    applied: tuple[str, ...] = ()

    def get(self, name: str) -> str | None:
        return self.values.get(name)


def preferences(headers: Headers) -> Preferences:
    """Parse every Prefer header; with handling=strict an unknown preference is a PGRST122."""
    values: dict[str, str] = {}
    unknown = []
    for header in headers.getlist("prefer"):
        for item in filter(None, (part.strip() for part in header.split(","))):
            name, _, value = item.partition("=")
            name, value = name.strip().lower(), value.strip()
            if value in PREFERENCE_VALUES.get(name, ()) or (name == "max-affected" and value.isdigit()):
                values[name] = value
            else:
                unknown.append(item)
    if values.get("handling") == "strict" and unknown:
        raise RestError(
            400,
            "PGRST122",
            "Invalid preferences given with handling=strict",
            "Invalid preferences: " + ", ".join(unknown),
        )
    applied = tuple(
        f"{name}={values[name]}"
        for name in ("return", "count", "resolution", "missing", "tx")
        if name in values
    )
    return Preferences(values, applied)


def _media_types(accept: str) -> list[tuple[str, dict[str, str]]]:
    found = []
    for part in filter(None, (p.strip() for p in accept.split(","))):
        kind, *params = (piece.strip() for piece in part.split(";"))
        options = dict(p.partition("=")[::2] for p in params if "=" in p)
        found.append((kind.lower(), {k.strip().lower(): v.strip().strip('"') for k, v in options.items()}))
    return found


def output_for(accept: str | None) -> Output:
    """The first acceptable representation; raises 406 PGRST107 when none is served."""
    for kind, options in _media_types(accept or "application/json"):
        stripped = options.get("nulls") == "stripped"
        if kind in ("application/json", "*/*", "application/*", "application/vnd.pgrst.array+json"):
            return Output("json", stripped)
        if kind in ("application/vnd.pgrst.object+json", "application/vnd.pgrst.object"):
            return Output("object", stripped)
        if kind in ("text/csv", "text/*"):
            return Output("csv")
    raise RestError(406, "PGRST107", f"None of these media types are available: {accept}")


def body_type(content_type: str | None) -> str:
    """`json`, `csv` or `form` for a request body; anything else is 415."""
    kind = (content_type or "application/json").split(";")[0].strip().lower()
    kinds = {"application/json": "json", "text/csv": "csv", "application/x-www-form-urlencoded": "form"}
    if kind not in kinds:
        raise RestError(415, "PGRST107", f"None of these media types are available: {kind}")
    return kinds[kind]


def requested_range(headers: Headers) -> tuple[int, int | None] | None:
    """`Range: from-[to]` as (offset, limit); anything that does not match means the whole range."""
    found = RANGE.match(headers.get("range", "").strip())
    if not found:
        return None
    lower, upper = int(found.group(1)), found.group(2)
    if upper and int(upper) < lower:
        raise RestError(416, "PGRST103", "Requested range not satisfiable", f"Invalid range: {lower}-{upper}")
    return lower, (int(upper) - lower + 1 if upper else None)


def schema_for(method: str, headers: Headers, exposed: tuple[str, ...]) -> tuple[str, bool]:
    """The schema named by Accept-Profile (reads) or Content-Profile (writes), and whether one was named."""
    header = "accept-profile" if method in READ_METHODS else "content-profile"
    named = headers.get(header)
    if named is None:
        return exposed[0], False
    if named not in exposed:
        raise RestError(406, "PGRST106", "The schema must be one of the following: " + ", ".join(exposed))
    return named, True
