"""Run the devstack gateway in a background thread on a free port, for tests that speak real HTTP."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp

from devstack.gateway.app import ApiFactory, create_gateway
from devstack.gateway.settings import GatewaySettings


class GatewayDidNotStart(RuntimeError):
    """uvicorn stopped before it was ready to serve (its log says why)."""


def _bound_socket() -> socket.socket:
    """A listening socket on a port the OS chose, so that parallel test runs never collide."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def free_port_socket() -> tuple[socket.socket, int]:
    sock = _bound_socket()
    return sock, sock.getsockname()[1]


@contextmanager
def serving(app: ASGIApp, sock: socket.socket) -> Iterator[None]:
    """Serve `app` with uvicorn on the listening `sock` (in a thread) until the block ends."""
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise GatewayDidNotStart("the server exited during start-up")
        thread.join(0.02)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


@contextmanager
def running_gateway(
    settings: GatewaySettings, sock: socket.socket, mounts: list[tuple[str, ApiFactory]] | None = None
) -> Iterator[str]:
    """Serve `create_gateway(settings, mounts)` on `sock` until the block ends; yields the base URL.

    `settings.port` must be the socket's port (the APIs build absolute URLs from it).
    """
    with serving(create_gateway(settings, mounts), sock):
        yield settings.public_url
