"""A gateway whose Storage keeps its bytes in a folder of the test's own, and raw HTTP clients."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from devstack.gateway.settings import GatewaySettings
from devstack.postgres import Cluster
from tests.conformance.targets import library_database
from tests.support.gateway import free_port_socket, running_gateway
from tests.support.tokens import user_token


@dataclass(frozen=True)
class StorageStack:
    settings: GatewaySettings
    db_url: str

    @property
    def storage_dir(self) -> Path:
        return self.settings.storage_dir

    def client(self, token: str | None = None) -> httpx.Client:
        """Raw HTTP to `/storage/v1`: the service role by default, the anon key and `token` if given."""
        key = self.settings.anon_key if token else self.settings.service_role_key
        headers = {"apikey": key, "Authorization": f"Bearer {token or key}"}
        return httpx.Client(base_url=f"{self.settings.public_url}/storage/v1", headers=headers)

    def keyless(self) -> httpx.Client:
        """No apikey, no Authorization: what a browser sends when it follows a link."""
        return httpx.Client(base_url=f"{self.settings.public_url}/storage/v1")

    def user(self, user_id: str) -> httpx.Client:
        return self.client(user_token(self.settings.jwt_secret, user_id))

    def blob_files(self) -> list[Path]:
        return sorted(path for path in self.storage_dir.rglob("*") if path.is_file())


@pytest.fixture(scope="session")
def storage_stack(
    cluster: Cluster, template_db: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StorageStack]:
    """This worker's gateway over a library database, storing bytes under a temporary folder."""
    storage_dir = tmp_path_factory.mktemp("gateway") / "storage"
    with library_database(cluster, template_db) as name:
        sock, port = free_port_socket()
        settings = GatewaySettings.for_cluster(cluster, db_name=name, port=port, storage_dir=storage_dir)
        with running_gateway(settings, sock):
            yield StorageStack(settings=settings, db_url=cluster.url(database=name))


@pytest.fixture
def service(storage_stack: StorageStack) -> Iterator[httpx.Client]:
    with storage_stack.client() as client:
        yield client


@pytest.fixture
def bucket(service: httpx.Client) -> Iterator[str]:
    """A private bucket of the test's own, emptied and deleted afterwards."""
    bucket_id = f"http-{uuid.uuid4().hex[:12]}"
    service.post("/bucket", json={"name": bucket_id}).raise_for_status()
    yield bucket_id
    service.post(f"/bucket/{bucket_id}/empty").raise_for_status()
    service.delete(f"/bucket/{bucket_id}").raise_for_status()
