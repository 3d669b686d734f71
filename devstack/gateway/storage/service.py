"""What every Storage route needs: settings, the database pool and the blob store."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request

from devstack.gateway.settings import GatewaySettings
from devstack.gateway.storage.blobs import BlobStore
from devstack.gateway.storage.identity import Identity, identify
from devstack.gateway.storage.session import Session, open_session


@dataclass(frozen=True)
class StorageService:
    settings: GatewaySettings
    pool: AsyncConnectionPool
    blobs: BlobStore

    @property
    def size_limit(self) -> int:
        """The global upload size limit, which also caps every bucket's own limit."""
        return self.settings.storage_file_size_limit

    def identify(self, request: Request, *, optional: bool = False) -> Identity:
        return identify(request, self.settings.jwt_secret, optional=optional)

    def session(
        self, request: Request, identity: Identity, operation: str
    ) -> AbstractAsyncContextManager[Session]:
        """A transaction as `identity` for the route `operation` (e.g. "object.upload")."""
        search_path = ", ".join(("storage", *self.settings.extra_search_path))
        return open_session(
            request, identity, pool=self.pool, blobs=self.blobs, operation=operation, search_path=search_path
        )


def storage_service(request: Request) -> StorageService:
    return request.app.state.storage


def caller_session(request: Request, operation: str) -> AbstractAsyncContextManager[Session]:
    """A transaction as the request's caller, whose JWT must verify (most Storage routes)."""
    service = storage_service(request)
    return service.session(request, service.identify(request), operation)
