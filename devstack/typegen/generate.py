"""Generates the types file from a database, or from a fresh migrated database of the cluster."""

from __future__ import annotations

import uuid

import psycopg

from devstack import databases, migrations
from devstack.postgres import Cluster
from devstack.state import REPO_ROOT
from devstack.typegen.catalog import read_schema
from devstack.typegen.render import render

TYPES_FILE = REPO_ROOT / "frontend" / "src" / "lib" / "database.types.ts"


def types_of(url: str) -> str:
    """The types module for the `public` schema of the database at `url`."""
    with psycopg.connect(url) as conn:
        return render(read_schema(conn))


def types_of_fresh_database(cluster: Cluster) -> str:
    """Migrates a throwaway database of the cluster (no seed) and reads its types; drops it after."""
    name = "cb_typegen_" + uuid.uuid4().hex[:10]
    databases.ensure_roles(cluster)
    databases.create_database(cluster, name)
    try:
        databases.bootstrap_database(cluster, name)
        migrations.apply_pending(cluster.url(database=name))
        return types_of(cluster.url(database=name))
    finally:
        databases.drop_database(cluster, name)
