"""Real servers on free ports for tests: an ASGI app under uvicorn, and a webhook receiver."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import uvicorn

STARTUP_TIMEOUT_SECONDS = 10.0


@contextmanager
def serve_asgi(app: object) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a thread; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(STARTUP_TIMEOUT_SECONDS)


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class WebhookReceiver:
    """Stands in for our service: answers 200 to everything and remembers what it was sent."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self._changed = threading.Condition()
        self.url = ""

    def record(self, item: Received) -> None:
        with self._changed:
            self.received.append(item)
            self._changed.notify_all()

    def wait_for(
        self, count: int, match: Callable[[Received], bool] = lambda _: True, timeout: float = 15.0
    ) -> list[Received]:
        """The first `count` requests that `match`, waiting for them; AssertionError if they do not come."""

        def matching() -> list[Received]:
            return [item for item in self.received if match(item)]

        with self._changed:
            if not self._changed.wait_for(lambda: len(matching()) >= count, timeout):
                raise AssertionError(f"expected {count} webhooks, got {len(matching())}")
            return matching()[:count]

    def matching(self, match: Callable[[Received], bool]) -> list[Received]:
        with self._changed:
            return [item for item in self.received if match(item)]

    def clear(self) -> None:
        with self._changed:
            self.received.clear()


def _handler(receiver: WebhookReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            receiver.record(Received("POST", self.path, dict(self.headers.items()), body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test output is for failures."""

    return Handler


@contextmanager
def receiving_webhooks() -> Iterator[WebhookReceiver]:
    """A WebhookReceiver listening on a free loopback port (its base URL in `.url`)."""
    receiver = WebhookReceiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
