"""A scratch database with the project's schema for the funnel benchmarks (lead intake, CSV import)."""

from __future__ import annotations

from devstack import databases
from devstack.migrations import apply_pending
from devstack.postgres import Cluster
from devstack.state import load_state


def scratch_database(name: str) -> str:
    """Drop and rebuild database `name` in the devstack cluster (bootstrap + migrations); returns its URL."""
    cluster = Cluster(load_state())
    cluster.start()
    databases.ensure_roles(cluster)
    databases.drop_database(cluster, name)
    databases.create_database(cluster, name)
    databases.bootstrap_database(cluster, name)
    url = cluster.url(database=name)
    apply_pending(url)
    return url
