"""Targets of the conformance suites (the devstack gateway here, or a real Supabase project), and the
realtime and edge-function suites' database and gateway processes.

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
import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from devstack.postgres import Cluster
from tests.conformance.rest_clients import Api
from tests.conformance.targets import Target, devstack_gateway, library_database, remote_target
from tests.support.databases import cloned_database
from tests.support.gateway import GatewayProcess


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


SCHEMA = Path(__file__).parent / "realtime_schema.sql"
FUNCTIONS_FIXTURE = Path(__file__).parent / "edge_functions"
FUNCTIONS_DOTENV = "FROM_DOTENV=read from functions/.env\nSUPABASE_URL=http://not-the-platform.example\n"


@pytest.fixture(scope="module")
def realtime_db(cluster: Cluster, template_db: str) -> Iterator[str]:
    """A clone of the migrated template with the realtime test tables (name of the database)."""
    with cloned_database(cluster, template_db) as name:
        with psycopg.connect(cluster.url(database=name), autocommit=True) as conn:
            conn.execute(SCHEMA.read_text())
        yield name


@pytest.fixture(scope="module")
def gateway(
    cluster: Cluster, realtime_db: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    process = GatewayProcess(
        realtime_db, cluster.state.jwt_secret, tmp_path_factory.mktemp("gw") / "gateway.log"
    )
    process.start()
    yield process
    process.stop()


@pytest.fixture
def sql(cluster: Cluster, realtime_db: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to the realtime database: every statement is a committed change."""
    with psycopg.connect(cluster.url(database=realtime_db), autocommit=True) as conn:
        yield conn


@pytest.fixture(scope="module")
def functions_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of edge_functions/ (config.toml, functions/) with a functions/.env added."""
    target = tmp_path_factory.mktemp("supabase")
    shutil.copytree(FUNCTIONS_FIXTURE, target, dirs_exist_ok=True)
    (target / "functions" / ".env").write_text(FUNCTIONS_DOTENV)
    return target


def functions_gateway_process(cluster: Cluster, database: str, project: Path, log: Path) -> GatewayProcess:
    """A started gateway serving `project`'s edge functions."""
    process = GatewayProcess(
        database, cluster.state.jwt_secret, log, extra_args=("--supabase-dir", str(project))
    )
    process.start()
    return process


@pytest.fixture(scope="module")
def functions_gateway(
    cluster: Cluster, realtime_db: str, functions_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    log = tmp_path_factory.mktemp("gw") / "gateway.log"
    process = functions_gateway_process(cluster, realtime_db, functions_project, log)
    yield process
    process.stop()
