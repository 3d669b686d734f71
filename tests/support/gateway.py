"""Run the devstack gateway for tests on a free port: in a thread, or as its own process (to crash it)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import jwt

from devstack.gateway.app import ApiFactory, create_gateway
from devstack.gateway.settings import GatewaySettings
from devstack.keys import api_key
from devstack.state import REPO_ROOT
from tests.support.servers import bound_socket, serving


def free_port_socket() -> tuple[socket.socket, int]:
    sock = bound_socket()
    return sock, sock.getsockname()[1]


def free_port() -> int:
    sock, port = free_port_socket()
    sock.close()
    return port


@contextmanager
def running_gateway(
    settings: GatewaySettings, sock: socket.socket, mounts: list[tuple[str, ApiFactory]] | None = None
) -> Iterator[str]:
    """Serve `create_gateway(settings, mounts)` in a thread on `sock` until the block ends; yields its URL.

    `settings.port` must be the socket's port (the APIs build absolute URLs from it).
    """
    with serving(create_gateway(settings, mounts), sock):
        yield settings.public_url


@dataclass
class GatewayProcess:
    """`python -m devstack gateway` for `database`; keeps its port across restarts."""

    database: str
    jwt_secret: str
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    extra_args: tuple[str, ...] = ()  # more `python -m devstack gateway` options (--supabase-dir ...)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def anon_key(self) -> str:
        return api_key(self.jwt_secret, "anon")

    @property
    def service_role_key(self) -> str:
        return api_key(self.jwt_secret, "service_role")

    def user_token(self, user_id: str, lifetime: int = 3600, **claims: object) -> str:
        """An access token shaped like Supabase Auth's for a signed-in user."""
        now = int(time.time())
        body = {
            "sub": user_id,
            "role": "authenticated",
            "aud": "authenticated",
            "iat": now,
            "exp": now + lifetime,
        }
        return jwt.encode({**body, **claims}, self.jwt_secret, algorithm="HS256")

    def start(self, timeout: float = 60.0) -> None:
        command = [
            sys.executable,
            "-m",
            "devstack",
            "gateway",
            "--port",
            str(self.port),
            "--database",
            self.database,
            *self.extra_args,
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                command, cwd=REPO_ROOT, stdout=log, stderr=log, env=dict(os.environ)
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gateway exited: {self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"gateway did not answer on {self.url}: {self.log_path.read_text()[-3000:]}")

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> None:
        """Stop the process (SIGKILL simulates a crash); waits until it is gone."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
