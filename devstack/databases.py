"""Create, bootstrap, clone and drop databases inside the devstack cluster."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import psycopg
from psycopg import sql

from devstack.migrations import MIGRATIONS_DIR, apply_pending
from devstack.postgres import SUPERUSER, Cluster

BOOTSTRAP_DIR = Path(__file__).resolve().parent / "bootstrap"
SEED_FILE = MIGRATIONS_DIR.parent / "seed.sql"


# Cluster-wide statements connect here, not to `postgres`, which `db reset` drops and recreates.
MAINTENANCE_DATABASE = "template1"


def admin_connect(cluster: Cluster, database: str = "postgres") -> psycopg.Connection:
    """An autocommit connection as the bootstrap superuser."""
    return psycopg.connect(
        host="127.0.0.1", port=cluster.port, user=SUPERUSER, dbname=database, autocommit=True
    )


def ensure_roles(cluster: Cluster) -> None:
    """Create or align the cluster-wide Supabase roles (idempotent)."""
    with admin_connect(cluster, MAINTENANCE_DATABASE) as conn:
        conn.execute((BOOTSTRAP_DIR / "roles.sql").read_text())


def bootstrap_database(cluster: Cluster, database: str) -> None:
    """Give a database what Supabase's image provides; idempotent, so older databases catch up."""
    with admin_connect(cluster, database) as conn, conn.transaction():
        conn.execute((BOOTSTRAP_DIR / "database.sql").read_text())


def database_exists(cluster: Cluster, database: str) -> bool:
    with admin_connect(cluster, MAINTENANCE_DATABASE) as conn:
        found = conn.execute("select 1 from pg_database where datname = %s", (database,))
        return found.fetchone() is not None


def create_database(cluster: Cluster, database: str, template: str | None = None) -> None:
    statement = sql.SQL("create database {} owner postgres").format(sql.Identifier(database))
    if template:
        statement += sql.SQL(" template {}").format(sql.Identifier(template))
    with admin_connect(cluster, MAINTENANCE_DATABASE) as conn:
        conn.execute(statement)


def drop_database(cluster: Cluster, database: str) -> None:
    """Drop the database even while a gateway's replication slot still holds it (FORCE alone refuses)."""
    with admin_connect(cluster, MAINTENANCE_DATABASE) as conn:
        conn.execute(
            "select pg_terminate_backend(active_pid) from pg_replication_slots"
            " where database = %s and active_pid is not null",
            (database,),
        )
        _wait_for_slots_released(conn, database)
        conn.execute(
            "select pg_drop_replication_slot(slot_name) from pg_replication_slots"
            " where database = %s and not temporary and not active",
            (database,),
        )
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(database)))


def _wait_for_slots_released(conn: psycopg.Connection, database: str, timeout: float = 10.0) -> None:
    """Terminated backends release their slots a moment later; DROP DATABASE must not race them."""
    deadline = time.monotonic() + timeout
    query = "select count(*) from pg_replication_slots where database = %s and active"
    while conn.execute(query, (database,)).fetchone()[0] and time.monotonic() < deadline:
        time.sleep(0.05)


def load_seed(cluster: Cluster, database: str, seed_file: Path = SEED_FILE) -> bool:
    """Run seed.sql in one transaction; returns False when the project has none."""
    if not seed_file.exists():
        return False
    with psycopg.connect(cluster.url(database=database), autocommit=True) as conn, conn.transaction():
        conn.execute(seed_file.read_text())
    return True


def migrations_fingerprint(migrations_dir: Path = MIGRATIONS_DIR) -> str:
    """A hash of the bootstrap and every migration: it names the test template database."""
    digest = hashlib.sha256()
    for path in [*sorted(BOOTSTRAP_DIR.glob("*.sql")), *sorted(migrations_dir.glob("*.sql"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def prepare(cluster: Cluster, database: str, *, seed: bool, fresh: bool, progress=None) -> None:
    """Make `database` bootstrapped and migrated; `fresh` rebuilds it from nothing first."""
    ensure_roles(cluster)
    if fresh:
        drop_database(cluster, database)
    if not database_exists(cluster, database):
        create_database(cluster, database)
    bootstrap_database(cluster, database)
    apply_pending(cluster.url(database=database), progress=progress)
    if seed:
        load_seed(cluster, database)
