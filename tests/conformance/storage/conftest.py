"""supabase-py clients (sync and async) for the Storage conformance tests, and scratch buckets."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from supabase import AsyncClientOptions, ClientOptions, acreate_client, create_client
from tests.conformance.targets import Target
from tests.support.tokens import user_token

ASSIGNMENTS = "assignments"  # the bucket and policies of tests/fixtures/rest_schema/05_storage.sql


async def settle(value: Any) -> Any:
    """The result of a client call: awaited for the async client, as is for the sync one."""
    return await value if inspect.isawaitable(value) else value


def _options(token: str | None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return {"headers": headers, "auto_refresh_token": False, "persist_session": False}


def sync_storage(target: Target, key: str, token: str | None = None) -> Any:
    """supabase-py's sync Storage client with `key`, acting as `token`'s user when given."""
    return create_client(target.url, key, ClientOptions(**_options(token))).storage


def student_token(target: Target, user_id: str, *, admin: bool = False) -> str:
    return user_token(target.jwt_secret, user_id, app_metadata={"role": "admin"} if admin else None)


@dataclass(frozen=True)
class Clients:
    """Builds supabase-py Storage clients of one flavour ("sync" or "async") against one target."""

    target: Target
    flavour: str

    async def _storage(self, key: str, token: str | None = None) -> Any:
        if self.flavour == "sync":
            return sync_storage(self.target, key, token)
        return (await acreate_client(self.target.url, key, AsyncClientOptions(**_options(token)))).storage

    async def service(self) -> Any:
        return await self._storage(self.target.service_role_key)

    async def anon(self) -> Any:
        return await self._storage(self.target.anon_key)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sync", "async"])
def clients(request: pytest.FixtureRequest, target: Target) -> Clients:
    return Clients(target, request.param)


async def remove_bucket(storage: Any, bucket_id: str) -> None:
    await settle(storage.empty_bucket(bucket_id))
    await settle(storage.delete_bucket(bucket_id))


@pytest.fixture
async def scratch_bucket(clients: Clients) -> AsyncIterator[str]:
    """A private bucket of this test's own (any limits are set by the test), removed afterwards."""
    storage = await clients.service()
    bucket_id = f"scratch-{uuid.uuid4().hex[:12]}"
    await settle(storage.create_bucket(bucket_id))
    yield bucket_id
    await remove_bucket(storage, bucket_id)
