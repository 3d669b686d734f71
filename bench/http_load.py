"""A lean HTTP/1.1 load client: one keep-alive connection per worker, a pre-built request, no parsing
beyond the status line and Content-Length.

The benchmarks run the server and the client on the same cores, so every microsecond the client
spends is taken from the server; aiohttp spends several times what this does per request.
"""

from __future__ import annotations

import asyncio
import json


class HttpError(Exception):
    """A response the benchmark did not expect (status >= 300, or one it cannot read)."""


def build_request(
    method: str, target: str, host: str, headers: dict[str, str], body: object | None = None
) -> bytes:
    """The bytes of one request; a JSON body when `body` is given."""
    payload = b"" if body is None else json.dumps(body).encode()
    lines = [f"{method} {target} HTTP/1.1", f"host: {host}", f"content-length: {len(payload)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body is not None:
        lines.append("content-type: application/json")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


class HttpConnection(asyncio.Protocol):
    """One connection; `send` writes a request and resolves with (status, body) of its response."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future[tuple[int, bytes]] | None = None

    @classmethod
    async def open(cls, host: str, port: int) -> HttpConnection:
        _, protocol = await asyncio.get_running_loop().create_connection(cls, host, port)
        return protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0 or self.waiter is None or self.waiter.done():
            return
        head = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        fields = dict(line.lower().split(": ", 1) for line in head[1:])
        if "content-length" not in fields:
            self.waiter.set_exception(HttpError(f"no content-length in {head[0]!r}"))
            return
        size = end + 4 + int(fields["content-length"])
        if len(self.buffer) >= size:
            body = bytes(self.buffer[end + 4 : size])
            del self.buffer[:size]
            self.waiter.set_result((int(head[0].split(" ", 2)[1]), body))

    def connection_lost(self, exc: Exception | None) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(HttpError(f"connection lost: {exc}"))

    async def send(self, request: bytes) -> tuple[int, bytes]:
        assert self.transport is not None  # noqa: S101 (set as soon as the connection opens)
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self.waiter

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
