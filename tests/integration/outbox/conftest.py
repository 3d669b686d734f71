"""Outbox worker fixtures: a database of its own, the sandbox over real HTTP, and workers on both."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import psycopg
import pytest

from automation.db import create_pool
from automation.outbox.worker import OutboxWorker
from tests.integration.providers.conftest import providers, receiver, sandbox, settings  # noqa: F401

ALWAYS_OPEN = (
    "update public.automation_settings set quiet_hours_start = '00:00', quiet_hours_end = '23:59:59.999'"
)
FAST_BUCKETS = """update public.automation_settings set rate_limits = '{
  "sendgrid": {"per_second": 1000, "burst": 1000}, "aisensy": {"per_second": 1000, "burst": 1000},
  "bolna": {"per_second": 1000, "burst": 1000, "concurrency": 100}}'"""


@pytest.fixture
def outbox_db(fresh_db_url: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to a database of the test's own, sending allowed at any hour."""
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute(ALWAYS_OPEN)
        conn.execute(FAST_BUCKETS)
        yield conn


@pytest.fixture
def make_worker(fresh_db_url, outbox_db, providers, settings) -> Iterator[Callable[..., OutboxWorker]]:  # noqa: F811
    """Builds workers (each its own name) sharing one pool; they stop with the test."""
    worker_settings = settings.model_copy(
        update={"supabase_db_url": fresh_db_url, "outbox_backoff_base_seconds": 60}
    )
    pool = create_pool(worker_settings)
    pool.open()
    built: list[OutboxWorker] = []

    def make(name: str = "worker-a", **overrides) -> OutboxWorker:
        built.append(OutboxWorker(pool, providers, worker_settings.model_copy(update=overrides), name))
        return built[-1]

    yield make
    for worker in built:
        worker.executor.shutdown(wait=True)
    pool.close()
