"""The edge functions' own checks, run by Deno through pytest so a failure shows Deno's output.

Each function's `*.test.ts` run with `deno test`; every function type-checks; `deno lint` and
`deno fmt --check` hold for supabase/functions. All offline: `python -m devstack functions install`
(run by scripts/lib/setup.sh) has cached the imports.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from devstack.gateway.functions.deno import OFFLINE_FLAGS, deno_binary, deno_environment
from devstack.gateway.functions.install import deno_test_files, function_dirs
from devstack.state import REPO_ROOT

FUNCTIONS_DIR = REPO_ROOT / "supabase" / "functions"
FUNCTIONS = function_dirs(FUNCTIONS_DIR)
LINE_WIDTH = "--line-width=100"


def deno(*args: str, cwd: Path) -> None:
    """Run a Deno command; fail with its output when it fails."""
    result = subprocess.run(  # noqa: S603 - the pinned Deno on our own files
        [deno_binary(), *args], cwd=cwd, env={**os.environ, **deno_environment()},
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"deno {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


def test_the_product_functions_are_found() -> None:
    assert {path.name for path in FUNCTIONS} >= {"lead-intake", "automation-tick"}


@pytest.mark.parametrize("function", [f for f in FUNCTIONS if deno_test_files(f)], ids=lambda path: path.name)
def test_function_deno_tests_pass(function: Path) -> None:
    deno("test", *OFFLINE_FLAGS, "--allow-net=127.0.0.1", *deno_test_files(function), cwd=function)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda path: path.name)
def test_function_type_checks(function: Path) -> None:
    deno("check", *OFFLINE_FLAGS, "index.ts", cwd=function)


def test_functions_are_linted_and_formatted() -> None:
    deno("lint", ".", cwd=FUNCTIONS_DIR)
    deno("fmt", "--check", LINE_WIDTH, ".", cwd=FUNCTIONS_DIR)
