"""Run the provider sandbox with uvicorn: `python -m devstack sandbox [--port]`."""

from __future__ import annotations

import hashlib
import hmac

import uvicorn

from devstack.sandbox.app import DEFAULT_PORT, create_sandbox, provider_environment
from devstack.sandbox.secrets import SecretSource
from devstack.state import StackState

HOST = "127.0.0.1"


def sandbox_seed(state: StackState) -> str:
    """Seeds the stack's provider credentials: derived from its JWT secret, so they survive restarts."""
    return hmac.new(state.jwt_secret.encode(), b"devstack:sandbox", hashlib.sha256).hexdigest()


def sandbox_environment(state: StackState, port: int = DEFAULT_PORT) -> dict[str, str]:
    """The service's provider settings, pointing at this stack's sandbox."""
    return provider_environment(SecretSource(sandbox_seed(state)), sandbox_url(port))


def sandbox_url(port: int = DEFAULT_PORT) -> str:
    return f"http://{HOST}:{port}"


def serve(state: StackState, automation_url: str, port: int | None = None) -> None:
    """Serve until interrupted; providers call back to `automation_url`."""
    app = create_sandbox(automation_url, secret=sandbox_seed(state))
    uvicorn.run(app, host=HOST, port=port or DEFAULT_PORT, log_level="warning", timeout_graceful_shutdown=2)
