"""The Postgres connection pool: opened lazily, closed on shutdown, one transaction per operation."""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from flask import Flask, current_app
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from automation.config import Settings

EXTENSION_KEY = "coachbase.db_pool"


def create_pool(settings: Settings) -> ConnectionPool:
    """A pool of autocommit connections; callers open transactions explicitly."""
    kwargs: dict[str, object] = {"autocommit": True, "row_factory": dict_row}
    if not settings.db_prepare_statements:
        kwargs["prepare_threshold"] = None
    return ConnectionPool(
        settings.supabase_db_url,
        min_size=settings.db_pool_min_size,
        max_size=settings.db_pool_max_size,
        kwargs=kwargs,
        open=False,
        name="coachbase",
    )


def get_pool(app: Flask | None = None) -> ConnectionPool:
    """The application's pool, opened on first use."""
    app = app or current_app
    pool: ConnectionPool = app.extensions[EXTENSION_KEY]
    if pool.closed:
        pool.open(wait=False)
    return pool


@contextmanager
def transaction(pool: ConnectionPool | None = None) -> Iterator[psycopg.Connection]:
    """A connection inside one transaction: committed on success, rolled back on any error."""
    pool = pool or get_pool()
    with pool.connection() as conn, conn.transaction():
        yield conn


def init_app(app: Flask, settings: Settings) -> None:
    pool = create_pool(settings)
    app.extensions[EXTENSION_KEY] = pool
    atexit.register(pool.close)  # Flask has no shutdown signal; the process exit is ours
