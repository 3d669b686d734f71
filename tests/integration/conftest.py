"""Fixtures: a database with only Supabase's bootstrap; the service's pool on a fresh migrated one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from psycopg_pool import ConnectionPool

from automation.db import create_pool
from devstack import databases
from devstack.postgres import Cluster
from tests.support.databases import cloned_database
from tests.support.settings import settings_for_tests


@pytest.fixture
def bare_supabase_db(cluster: Cluster) -> Iterator[str]:
    """A new database with the Supabase bootstrap applied and no project migrations."""
    with cloned_database(cluster, "template1") as name:
        databases.bootstrap_database(cluster, name)
        yield cluster.url(database=name)


@pytest.fixture
def pool(fresh_db_url: str) -> Iterator[ConnectionPool]:
    """The service's connection pool on a database of the test's own (for workflows that commit)."""
    pool = create_pool(
        settings_for_tests(supabase_db_url=fresh_db_url, db_pool_min_size=0, db_pool_max_size=6)
    )
    pool.open()
    yield pool
    pool.close()
