"""supabase-py clients (sync or async) for the REST conformance tests, and the fixed library facts."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from supabase import AsyncClientOptions, ClientOptions, acreate_client, create_client
from tests.conformance.targets import Target
from tests.support.tokens import user_token

READER_A = "00000000-0000-4000-8000-00000000000a"
READER_B = "00000000-0000-4000-8000-00000000000b"


@dataclass
class Api:
    """One flavour of supabase-py against one target; `run` executes any builder of it."""

    flavour: str
    target: Target
    loop: asyncio.AbstractEventLoop

    def client(self, key: str | None = None, token: str | None = None, schema: str = "public") -> Any:
        key = key or self.target.anon_key
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if self.flavour == "sync":
            return create_client(self.target.url, key, ClientOptions(headers=headers, schema=schema))
        options = AsyncClientOptions(headers=headers, schema=schema)
        return self.loop.run_until_complete(acreate_client(self.target.url, key, options))

    @property
    def anon(self) -> Any:
        return self.client()

    @property
    def service(self) -> Any:
        return self.client(self.target.service_role_key)

    def reader(self, user_id: str) -> Any:
        return self.client(token=user_token(self.target.jwt_secret, user_id))

    def run(self, builder: Any) -> Any:
        """`builder.execute()`, awaited on this flavour's loop for the async client."""
        outcome = builder.execute()
        return self.loop.run_until_complete(outcome) if self.flavour == "async" else outcome
