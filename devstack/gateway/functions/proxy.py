"""Forward one request to a function's process and stream the answer back; neither body is buffered."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from starlette.requests import Request
from starlette.responses import StreamingResponse

# Connection-level headers belong to each hop; the gateway's server writes its own Date.
HOP_BY_HOP = frozenset(
    {
        b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te",
        b"trailer", b"transfer-encoding", b"upgrade",
    }
)  # fmt: skip
NOT_RELAYED = HOP_BY_HOP | {b"date", b"server"}
FORWARDING = HOP_BY_HOP | {b"x-forwarded-for"}


class FunctionStreamBroken(Exception):
    """The function stopped in the middle of its response; the client's connection is cut short."""


def function_request(request: Request, port: int, path: str) -> httpx.Request:
    """The request as the function receives it: same method, path, query, headers and body.

    `path` is the raw (still percent-encoded) path from the function's name on, as Supabase passes it.
    """
    query = request.scope.get("query_string", b"").decode("latin-1")
    url = f"http://127.0.0.1:{port}{path}" + (f"?{query}" if query else "")
    has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
    body = request.stream() if has_body else None
    return httpx.Request(request.method, url, headers=_headers(request), content=body)


def _headers(request: Request) -> list[tuple[bytes, bytes]]:
    """The client's headers, with the client's address added to X-Forwarded-For as a relay does."""
    headers = [(k, v) for k, v in request.headers.raw if k.lower() not in FORWARDING]
    client = request.client.host if request.client else None
    chain = ", ".join(hop for hop in (request.headers.get("x-forwarded-for"), client) if hop)
    return [*headers, (b"x-forwarded-for", chain.encode("latin-1"))] if chain else headers


async def forward(client: httpx.AsyncClient, request: Request, port: int, path: str) -> StreamingResponse:
    """Send the request, answer with the function's status and headers, stream its body.

    Raises httpx.TransportError when the function does not answer (connection refused or dropped,
    or no response headers within the client's timeout).
    """
    upstream = await client.send(function_request(request, port, path), stream=True)
    response = StreamingResponse(_relay(upstream), status_code=upstream.status_code)
    response.raw_headers = [(k, v) for k, v in upstream.headers.raw if k.lower() not in NOT_RELAYED]
    return response


async def _relay(upstream: httpx.Response) -> AsyncIterator[bytes]:
    """The body as the function sends it (still compressed if it compressed it)."""
    try:
        async for chunk in upstream.aiter_raw():
            yield chunk
    except httpx.TransportError as error:
        raise FunctionStreamBroken(f"{upstream.request.url}: {error!r}") from error
    finally:
        await upstream.aclose()
