"""Runs each pgTAP file of supabase/tests through pg_prove; a failure shows pg_prove's report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack import pgtap
from devstack.postgres import Cluster
from tests.support.databases import cloned_database, worker_database_name


@pytest.fixture(scope="session")
def pgtap_db(cluster: Cluster, template_db: str) -> Iterator[str]:
    with cloned_database(cluster, template_db, worker_database_name() + "_pgtap") as name:
        pgtap.install(cluster, name)
        yield name


@pytest.mark.parametrize("sql_file", pgtap.discover_test_files(), ids=lambda path: path.name)
def test_pgtap_file(cluster: Cluster, pgtap_db: str, sql_file: Path) -> None:
    result = pgtap.prove(cluster, pgtap_db, [sql_file])
    assert result.returncode == 0, f"pg_prove reported failures:\n{result.stdout}\n{result.stderr}"
