"""Fixtures for tests that need a database with only Supabase's bootstrap (no project migrations)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devstack import databases
from devstack.postgres import Cluster
from tests.support.databases import cloned_database


@pytest.fixture
def bare_supabase_db(cluster: Cluster) -> Iterator[str]:
    """A new database with the Supabase bootstrap applied and no project migrations."""
    with cloned_database(cluster, "template1") as name:
        databases.bootstrap_database(cluster, name)
        yield cluster.url(database=name)
