"""supabase-py's Auth clients (sync and async) against a devstack Auth stack with a mail receiver.

These flows read the emails Auth sends, which only the devstack target can capture, so the
suite runs against devstack only; tests/conformance/js/auth.test.mjs covers the mail-free
flows with supabase-js against either target.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from devstack.postgres import Cluster
from supabase import AsyncClientOptions, ClientOptions, acreate_client, create_client
from tests.support.auth_stack import AuthStack, auth_stack

PASSWORD = "correct horse battery"


async def settle(value: Any) -> Any:
    """The result of a client call: awaited for the async client, as is for the sync one."""
    return await value if inspect.isawaitable(value) else value


def new_email() -> str:
    return f"py-{uuid.uuid4().hex[:12]}@example.com"


@dataclass(frozen=True)
class AuthClients:
    """Builds supabase-py Auth clients of one flavour ("sync" or "async") for the stack."""

    stack: AuthStack
    flavour: str

    async def _client(self, key: str) -> Any:
        options = {"auto_refresh_token": False, "persist_session": True}
        if self.flavour == "sync":
            return create_client(self.stack.url, key, ClientOptions(**options))
        return await acreate_client(self.stack.url, key, AsyncClientOptions(**options))

    async def auth(self) -> Any:
        """A browser-like client: the anon key, its own session storage, PKCE as supabase-py defaults."""
        return (await self._client(self.stack.gateway.anon_key)).auth

    async def admin(self) -> Any:
        return (await self._client(self.stack.gateway.service_role_key)).auth.admin


@pytest.fixture(scope="module")
def stack(cluster: Cluster, template_db: str) -> Iterator[AuthStack]:
    with auth_stack(cluster, template_db) as running:
        yield running


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sync", "async"])
def clients(request: pytest.FixtureRequest, stack: AuthStack) -> AuthClients:
    return AuthClients(stack, request.param)
