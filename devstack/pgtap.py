"""Run the pgTAP files of supabase/tests with pg_prove against a database of the cluster."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from devstack.databases import admin_connect
from devstack.postgres import Cluster
from devstack.state import REPO_ROOT

TESTS_DIR = REPO_ROOT / "supabase" / "tests"
HELPERS_DIR = TESTS_DIR / "helpers"


def discover_test_files(tests_dir: Path = TESTS_DIR) -> list[Path]:
    return sorted(tests_dir.glob("*.test.sql"))


def install(cluster: Cluster, database: str) -> None:
    """pgTAP in schema extensions plus the project's helpers (schema `tests`), files in name order."""
    with admin_connect(cluster, database) as conn:
        conn.execute("create extension if not exists pgtap with schema extensions")
        for helpers in sorted(HELPERS_DIR.glob("*.sql")):
            conn.execute(helpers.read_text())


def prove(cluster: Cluster, database: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run pg_prove on the files; its output lists every failing assertion with its description."""
    pg_prove = shutil.which("pg_prove")
    if pg_prove is None:
        raise RuntimeError("pg_prove is missing: apt-get install libtap-parser-sourcehandler-pgtap-perl")
    command = [
        pg_prove,
        "--host",
        "127.0.0.1",
        "--port",
        str(cluster.port),
        "--username",
        "postgres",
        "--dbname",
        database,
        "--failures",
        "--comments",
        *map(str, files),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False)
