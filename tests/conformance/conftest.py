"""Fixtures for conformance tests: a database with the realtime test tables and a gateway serving it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from devstack.postgres import Cluster
from tests.support.databases import cloned_database
from tests.support.gateway import GatewayProcess

SCHEMA = Path(__file__).parent / "realtime_schema.sql"


@pytest.fixture(scope="module")
def realtime_db(cluster: Cluster, template_db: str) -> Iterator[str]:
    """A clone of the migrated template with the realtime test tables (name of the database)."""
    with cloned_database(cluster, template_db) as name:
        with psycopg.connect(cluster.url(database=name), autocommit=True) as conn:
            conn.execute(SCHEMA.read_text())
        yield name


@pytest.fixture(scope="module")
def gateway(
    cluster: Cluster, realtime_db: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    process = GatewayProcess(
        realtime_db, cluster.state.jwt_secret, tmp_path_factory.mktemp("gw") / "gateway.log"
    )
    process.start()
    yield process
    process.stop()


@pytest.fixture
def sql(cluster: Cluster, realtime_db: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to the realtime database: every statement is a committed change."""
    with psycopg.connect(cluster.url(database=realtime_db), autocommit=True) as conn:
        yield conn
