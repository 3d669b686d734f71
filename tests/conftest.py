"""Shared fixtures: one devstack cluster per test run, a migrated template, per-test isolation."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from devstack import databases
from devstack.postgres import Cluster
from devstack.state import load_state
from tests.support.databases import cloned_database, ensure_template, worker_database_name


@pytest.fixture(scope="session")
def cluster() -> Cluster:
    """The devstack cluster, started if needed (a running one is reused)."""
    cluster = Cluster(load_state())
    cluster.start()
    databases.ensure_roles(cluster)
    return cluster


@pytest.fixture(scope="session")
def template_db(cluster: Cluster) -> str:
    return ensure_template(cluster)


@pytest.fixture(scope="session")
def worker_db(cluster: Cluster, template_db: str) -> Iterator[str]:
    """This test worker's own copy of the migrated schema."""
    with cloned_database(cluster, template_db, worker_database_name()) as name:
        yield name


@pytest.fixture(scope="session")
def worker_db_url(cluster: Cluster, worker_db: str) -> str:
    return cluster.url(database=worker_db)


@pytest.fixture
def db(worker_db_url: str) -> Iterator[psycopg.Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with psycopg.connect(worker_db_url) as conn:
        try:
            yield conn
        finally:
            conn.rollback()


@pytest.fixture
def fresh_db_url(cluster: Cluster, template_db: str) -> Iterator[str]:
    """A database of its own for a test that must commit (workers, several connections)."""
    with cloned_database(cluster, template_db) as name:
        yield cluster.url(database=name)
