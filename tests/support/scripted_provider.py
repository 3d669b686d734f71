"""A tiny HTTP server standing in for a provider where the sandbox cannot answer that way: each path answers
what the test scripted (status, headers, body) and every request is counted."""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Answer:
    status: int
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, body: object, **headers: str) -> Answer:
        return cls(status, json.dumps(body), {"Content-Type": "application/json", **headers})


class ScriptedProvider:
    """Answers a POST to a path with `answers[path]` (404 when unscripted); `posts[path]` counts them."""

    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.posts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with scripted._lock:
                    scripted.posts[self.path] += 1
                answer = scripted.answers.get(self.path, Answer(404, "no such path"))
                body = answer.body.encode()
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                """Quiet: the test reads the counts."""

        return Handler

    def __enter__(self) -> ScriptedProvider:
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
