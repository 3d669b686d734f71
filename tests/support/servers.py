"""Real HTTP servers for tests, each on a free port: an ASGI app under uvicorn, and a webhook receiver."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import uvicorn

WAIT_SECONDS = 15.0  # a bound on waiting for a callback, never an assertion about speed


def bound_socket() -> socket.socket:
    """A socket bound to a loopback port the OS chose, so that parallel test runs never collide."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def serving(app: object, sock: socket.socket | None = None) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread on a free port (or the bound `sock`); yields its base URL."""
    if sock is None:
        sock = bound_socket()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    if not server.started:
        raise RuntimeError("uvicorn did not start (see the log above)")
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(WAIT_SECONDS)
        sock.close()


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class WebhookReceiver:
    """Stands in for our service: records every request and answers `status` (200 unless changed)."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.status = 200
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {name.lower(): value for name, value in self.headers.items()}
                receiver._record(Received("POST", self.path, headers, body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                """Quiet: the test reads what arrived."""

        return Handler

    def _record(self, received: Received) -> None:
        with self._changed:
            self.requests.append(received)
            self._changed.notify_all()

    def wait_for(self, enough: Callable[[list[Received]], bool]) -> list[Received]:
        """The requests so far, once `enough(requests)` holds; AssertionError if it never does."""
        with self._changed:
            if not self._changed.wait_for(lambda: enough(self.requests), timeout=WAIT_SECONDS):
                raise AssertionError(f"callbacks never arrived; got {[r.path for r in self.requests]}")
            return list(self.requests)

    def on(self, path_prefix: str, count: int) -> list[Received]:
        """Wait for `count` requests whose path starts with `path_prefix`, and return those."""
        return self.wait_for_matching(count, lambda r: r.path.startswith(path_prefix))

    def matching(self, match: Callable[[Received], bool]) -> list[Received]:
        with self._changed:
            return [r for r in self.requests if match(r)]

    def wait_for_matching(
        self, count: int, match: Callable[[Received], bool] = lambda _: True
    ) -> list[Received]:
        """The first `count` requests that `match`, once they have arrived."""
        self.wait_for(lambda found: sum(map(match, found)) >= count)
        return self.matching(match)[:count]

    def __enter__(self) -> WebhookReceiver:
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
