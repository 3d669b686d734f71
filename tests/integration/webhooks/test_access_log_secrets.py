"""gunicorn as the Procfile starts it: the secret path segment of a webhook reaches none of its logs."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.support.servers import WAIT_SECONDS, bound_socket

ROOT = Path(__file__).resolve().parents[3]
INBOUND = "inbound-path-secret-0675"
BOLNA = "bolna-path-secret-0675"


@dataclass(frozen=True)
class Web:
    url: str
    server: subprocess.Popen
    logs: tuple[Path, Path]

    def stop_and_read_logs(self) -> tuple[str, str]:
        """(stdout: the access log, stderr: gunicorn's and the service's own logs), once all is written."""
        self.server.terminate()
        self.server.wait(WAIT_SECONDS)
        return self.logs[0].read_text(), self.logs[1].read_text()


@pytest.fixture
def web(fresh_db_url: str, tmp_path: Path) -> Iterator[Web]:
    """gunicorn with gunicorn.conf.py on a socket bound here (no control socket, which parallel runs would
    share), run from an empty directory so that no .env of the checkout is read."""
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "APP_ENV": "test",
        "SUPABASE_URL": "http://127.0.0.1:9",
        "SUPABASE_ANON_KEY": "anon",
        "SUPABASE_SERVICE_ROLE_KEY": "service",
        "SUPABASE_JWT_SECRET": "secret-for-tests",
        "SUPABASE_DB_URL": fresh_db_url,
        "AUTOMATION_INTERNAL_SECRET": "internal",
        "SENDGRID_INBOUND_SECRET": INBOUND,
        "BOLNA_WEBHOOK_SECRET": BOLNA,
        "WEB_CONCURRENCY": "1",
        "WEB_THREADS": "2",
    }
    sock = bound_socket()
    logs = (tmp_path / "stdout.log", tmp_path / "stderr.log")
    command = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
               "--no-control-socket", "--bind", f"fd://{sock.fileno()}", "automation.wsgi:app"]  # fmt: skip
    with logs[0].open("wb") as stdout, logs[1].open("wb") as stderr:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            command, env=env, cwd=tmp_path, stdout=stdout, stderr=stderr, pass_fds=(sock.fileno(),)
        )
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        _wait_until_up(url)
        yield Web(url, server, logs)
    finally:
        server.terminate()
        server.wait(WAIT_SECONDS)
        sock.close()


def _wait_until_up(url: str) -> None:
    """Refused until gunicorn listens on the socket; then answered once a worker has booted."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/health", timeout=WAIT_SECONDS)
            return
        except requests.ConnectionError:
            time.sleep(0.05)
    raise AssertionError("gunicorn never answered")


def _post_raw(url: str, path: str) -> int:
    """POST `path` exactly as written (requests would decode what needs no encoding)."""
    connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=10)
    try:
        connection.request("POST", path, body=b"not json")
        return connection.getresponse().status
    finally:
        connection.close()


def test_webhook_secrets_are_masked_in_every_log_line(web: Web):
    form = {"from": "Asha <asha@example.com>", "to": "replies@center.example", "subject": "Hi", "text": "Hi"}
    inbound, bolna = f"{web.url}/webhooks/sendgrid/inbound/{INBOUND}", f"{web.url}/webhooks/bolna/{BOLNA}"

    assert requests.post(inbound, data=form, timeout=10).status_code == 200
    assert requests.post(f"{bolna}?attempt=1", data=b"not json", timeout=10).status_code == 400
    assert _post_raw(web.url, f"/webhooks/bolna/%62{BOLNA[1:]}") == 400  # its first letter percent-encoded
    requests.post(f"{web.url}//webhooks/bolna/{BOLNA}", allow_redirects=False, timeout=10)
    requests.get(f"{web.url}/health", timeout=10)
    access, errors = web.stop_and_read_logs()

    for secret in (INBOUND, BOLNA, BOLNA[1:]):
        assert secret not in access
        assert secret not in errors
    assert '"POST /webhooks/sendgrid/inbound/<secret> HTTP/1.1" 200 ' in access
    assert '"POST /webhooks/bolna/<secret>?attempt=1 HTTP/1.1" 400 ' in access
    assert access.count('"POST /webhooks/bolna/<secret> HTTP/1.1" 400 ') == 1
    assert '"POST //webhooks/bolna/<secret> HTTP/1.1"' in access
    assert '"GET /health HTTP/1.1" 200 ' in access  # other lines as gunicorn writes them
