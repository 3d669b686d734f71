"""Fixtures for conformance tests: a database with the realtime test tables and gateways serving it
(one with the repository's supabase/ folder, one with the edge functions of edge_functions/)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from devstack.postgres import Cluster
from tests.support.databases import cloned_database
from tests.support.gateway import GatewayProcess

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
