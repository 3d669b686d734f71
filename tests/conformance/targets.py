"""Where the conformance suites send requests: a devstack gateway on a free port, or a real project."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from devstack.gateway.settings import GatewaySettings
from devstack.postgres import Cluster
from tests.support.databases import cloned_database
from tests.support.gateway import free_port_socket, running_gateway

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "rest_schema"
REMOTE_VARIABLES = {
    "url": "CONFORMANCE_SUPABASE_URL",
    "anon_key": "CONFORMANCE_SUPABASE_ANON_KEY",
    "service_role_key": "CONFORMANCE_SUPABASE_SERVICE_ROLE_KEY",
    "jwt_secret": "CONFORMANCE_SUPABASE_JWT_SECRET",
}


@dataclass(frozen=True)
class Target:
    """Where a conformance suite sends its requests, and the keys it needs there."""

    name: str
    url: str
    anon_key: str
    service_role_key: str
    jwt_secret: str
    db_url: str | None = None  # devstack only: tests that run DDL or read the catalog

    def environment(self) -> dict[str, str]:
        """The variables the supabase-js suite reads."""
        return {
            "SUPABASE_URL": self.url,
            "SUPABASE_ANON_KEY": self.anon_key,
            "SUPABASE_SERVICE_ROLE_KEY": self.service_role_key,
            "SUPABASE_JWT_SECRET": self.jwt_secret,
        }


def apply_rest_schema(db_url: str) -> None:
    """The library schema of tests/fixtures/rest_schema, applied in file order as `postgres`."""
    with psycopg.connect(db_url, autocommit=True) as conn, conn.transaction():
        for path in sorted(SCHEMA_DIR.glob("*.sql")):
            conn.execute(path.read_text())


def remote_target() -> Target | None:
    """The real Supabase project named by the environment, if every variable is set."""
    values = {field: os.environ.get(variable, "") for field, variable in REMOTE_VARIABLES.items()}
    return Target(name="supabase", **values) if all(values.values()) else None


@contextmanager
def devstack_gateway(cluster: Cluster, database: str) -> Iterator[Target]:
    """The gateway serving `database` on a free port, with `archive` exposed besides `public`."""
    sock, port = free_port_socket()
    settings = GatewaySettings.for_cluster(
        cluster, db_name=database, port=port, exposed_schemas=("public", "archive")
    )
    with running_gateway(settings, sock) as url:
        db_url = cluster.url(database=database)
        yield Target(
            "devstack", url, settings.anon_key, settings.service_role_key, settings.jwt_secret, db_url
        )


@contextmanager
def library_database(cluster: Cluster, template_db: str) -> Iterator[str]:
    """A clone of the migrated template with the library schema on top; dropped afterwards."""
    with cloned_database(cluster, template_db) as name:
        apply_rest_schema(cluster.url(database=name))
        yield name
