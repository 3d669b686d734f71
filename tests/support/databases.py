"""Test databases: one migrated template per schema version, cheap clones of it per worker or test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock
from psycopg import sql

from devstack import databases
from devstack.postgres import Cluster
from devstack.state import DATA_DIR

TEMPLATE_PREFIX = "cb_tmpl_"


def template_name() -> str:
    return TEMPLATE_PREFIX + databases.migrations_fingerprint()


def ensure_template(cluster: Cluster) -> str:
    """Build the migrated template once; concurrent test workers wait for the first to finish."""
    name = template_name()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with FileLock(str(DATA_DIR / "template.lock")):
        if databases.database_exists(cluster, name):
            return name
        databases.ensure_roles(cluster)
        _drop_stale_templates(cluster)
        building = name + "_building"
        databases.drop_database(cluster, building)
        databases.create_database(cluster, building)
        databases.bootstrap_database(cluster, building)
        databases.apply_pending(cluster.url(database=building))
        with databases.admin_connect(cluster) as conn:
            conn.execute(
                sql.SQL("alter database {} rename to {}").format(
                    sql.Identifier(building), sql.Identifier(name)
                )
            )
    return name


KEPT_TEMPLATES = 3


def _drop_stale_templates(cluster: Cluster) -> None:
    """Drop all but the newest few templates: runs from other checkouts sharing the cluster (other
    branches, other schema versions) may still be cloning theirs."""
    with databases.admin_connect(cluster) as conn:
        rows = conn.execute(
            "select datname from pg_database where datname like %s order by oid desc offset %s",
            (TEMPLATE_PREFIX + "%", KEPT_TEMPLATES),
        ).fetchall()
    for (stale,) in rows:
        databases.drop_database(cluster, stale)


def worker_database_name() -> str:
    """Unique per test run and worker, so that several runs can share one cluster."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or str(os.getpid())
    return f"cb_test_{run[:8]}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


@contextmanager
def cloned_database(cluster: Cluster, template: str, name: str | None = None) -> Iterator[str]:
    """A throwaway copy of the template, dropped afterwards."""
    name = name or "cb_clone_" + uuid.uuid4().hex[:10]
    databases.drop_database(cluster, name)
    databases.create_database(cluster, name, template=template)
    try:
        yield name
    finally:
        databases.drop_database(cluster, name)
