"""Targets of the conformance suites: the devstack gateway here, or a real Supabase project.

A real project is used when every `CONFORMANCE_SUPABASE_*` variable below is set; it must have
the schema of `tests/fixtures/rest_schema/*.sql` applied (SQL editor or psql, in file order) and
the `archive` schema added to the exposed schemas (Settings > API). Then:

    CONFORMANCE_SUPABASE_URL=https://<ref>.supabase.co \\
    CONFORMANCE_SUPABASE_ANON_KEY=... CONFORMANCE_SUPABASE_SERVICE_ROLE_KEY=... \\
    CONFORMANCE_SUPABASE_JWT_SECRET=... .venv/bin/pytest tests/conformance

Without them the "supabase" target is skipped and everything runs against devstack.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from devstack.postgres import Cluster
from tests.conformance.rest_clients import Api
from tests.conformance.targets import Target, devstack_gateway, library_database, remote_target


@pytest.fixture(scope="session")
def devstack_target(cluster: Cluster, template_db: str) -> Iterator[Target]:
    """This worker's gateway over its own library database (tests clean up what they write)."""
    with library_database(cluster, template_db) as name, devstack_gateway(cluster, name) as target:
        yield target


# The real project appears as a second target only when configured (test_js_conformance.py
# keeps one visible skip to say so), so unconfigured runs do not list hundreds of skips.
TARGETS = ["devstack", "supabase"] if remote_target() else ["devstack"]


@pytest.fixture(scope="session", params=TARGETS)
def target(request: pytest.FixtureRequest) -> Target:
    """Each conformance test runs against devstack, and against a real project when configured."""
    if request.param == "devstack":
        return request.getfixturevalue("devstack_target")
    remote = remote_target()
    assert remote is not None  # TARGETS lists it only when configured
    return remote


@pytest.fixture(scope="session")
def client_loop() -> Iterator[asyncio.AbstractEventLoop]:
    """One loop for every async client call, so their HTTP connection pools stay valid."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, target: Target, client_loop: asyncio.AbstractEventLoop) -> Api:
    """Every REST conformance test runs with the sync and the async supabase-py client."""
    return Api(request.param, target, client_loop)
