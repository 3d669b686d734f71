"""The dev server (`flask --app automation run`, werkzeug) logs its request lines without the secret that
webhook paths carry, as gunicorn's access log does (decisions 0675, 0694)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import requests
from werkzeug.serving import make_server

from automation import create_app
from tests.support.settings import settings_for_tests

SECRET = "s3cret-segment"


@contextmanager
def _dev_server() -> Iterator[str]:
    """The app behind werkzeug's own server (the one `flask run` starts) on a free local port: its base URL.

    Made in the test itself, so that the app's log handler writes to that test's `capsys`."""
    server = make_server("127.0.0.1", 0, create_app(settings_for_tests(db_pool_min_size=0)))
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (f"/webhooks/bolna/{SECRET}", "/webhooks/bolna/<secret>"),
        (f"/webhooks/sendgrid/inbound/{SECRET}?from=x", "/webhooks/sendgrid/inbound/<secret>?from=x"),
        ("/webhooks/bolna/%73" + SECRET[1:], "/webhooks/bolna/<secret>"),  # percent-encoded secret
        (f"/webhooks%2Fbolna/{SECRET}", "/webhooks/bolna/<secret>"),  # a slash werkzeug decodes to route
    ],
)
def test_a_request_line_names_the_webhook_path_without_its_secret(capsys, path, shown):
    with _dev_server() as base:
        answer = requests.get(base + path, timeout=10)

    assert answer.status_code == 405  # routed to the webhook, which takes only POST
    logged = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [entry["logger"] for entry in logged] == ["werkzeug"]
    assert f"GET {shown} HTTP/1.1" in logged[0]["message"]
    assert SECRET not in json.dumps(logged)
