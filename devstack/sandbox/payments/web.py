"""HTTP helpers shared by the simulated gateways: misbehaviour, request bodies, auth headers, templates."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import Response

from devstack.sandbox.misbehaviour import maybe_misbehave
from devstack.sandbox.state import SandboxState

Handler = Callable[[Request], Awaitable[Response]]

templates = Environment(
    loader=PackageLoader("devstack.sandbox.payments", "templates"), autoescape=select_autoescape()
)


def api(state: SandboxState, handler: Handler) -> Handler:
    """Wrap an API endpoint so it honours the sandbox's latency, 5xx and 429 knobs."""

    async def misbehaving(request: Request) -> Response:
        return await maybe_misbehave(state) or await handler(request)

    return misbehaving


async def read_fields(request: Request) -> dict[str, Any]:
    """The request body as a dict, whether it came form-encoded or as JSON (providers accept both)."""
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            body = json.loads(await request.body() or b"{}")
        except json.JSONDecodeError:
            return {}
        return body if isinstance(body, dict) else {}
    return dict(await request.form())


def credential(request: Request, scheme: str) -> str | None:
    """The token after `<scheme> ` in the Authorization header, or None."""
    kind, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if kind == scheme and value.strip() else None


def with_query(url: str, params: dict[str, str]) -> str:
    """`url` with `params` appended to whatever query it already has."""
    return url + ("&" if "?" in url else "?") + urlencode(params)


def mount_url(request: Request) -> str:
    """The absolute URL of the provider's mount point as the client reached it (e.g. http://h:p/instamojo)."""
    return str(request.base_url).rstrip("/") + request.scope.get("root_path", "")
