"""Cache every function's imports ahead of time (`deno install`), so functions and their tests run offline.

Deno's own npm client fetches `npm:` packages from the npm registry (it honours NPM_CONFIG_REGISTRY)
into DENO_DIR and checks them against each function's committed deno.lock. The work is skipped while
nothing under functions/ (nor the Deno version) has changed since the last successful install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from devstack.gateway.functions.deno import DENO_DIR, deno_binary, deno_environment
from devstack.gateway.functions.project import ENTRYPOINT, FUNCTION_NAME

STAMP = DENO_DIR / "functions.sha256"
SOURCES = (".ts", ".json", ".lock")


class InstallError(RuntimeError):
    """`deno install` failed; the message carries Deno's output."""


def function_dirs(functions_dir: Path) -> list[Path]:
    """Folders holding a function (`<name>/index.ts`), `_shared` and the like left out."""
    entrypoints = functions_dir.glob(f"*/{ENTRYPOINT}")
    return sorted(path.parent for path in entrypoints if FUNCTION_NAME.match(path.parent.name))


def deno_test_files(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.glob("*.test.ts"))


def fingerprint(functions_dir: Path) -> str:
    """A digest of every source, config and lock file of the functions, and of the Deno binary's path."""
    digest = hashlib.sha256(f"{functions_dir.resolve()}\n{deno_binary()}\n".encode())
    for path in sorted(p for p in functions_dir.rglob("*") if p.suffix in SOURCES and p.is_file()):
        digest.update(f"{path.relative_to(functions_dir)}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def install(functions_dir: Path, refresh_lock: bool = False) -> list[str]:
    """Install what changed; returns the functions installed (empty when all were up to date).

    With `refresh_lock`, lock files are rewritten to match deno.json (after adding a dependency);
    otherwise a lock that does not match fails. Raises InstallError.
    """
    wanted = fingerprint(functions_dir)
    if not refresh_lock and STAMP.exists() and STAMP.read_text() == wanted:
        return []
    directories = function_dirs(functions_dir)
    for directory in directories:
        install_one(directory, refresh_lock)
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    STAMP.write_text(fingerprint(functions_dir))
    return [directory.name for directory in directories]


def install_one(directory: Path, refresh_lock: bool) -> None:
    """Cache the module graph of the function and of its tests."""
    command = [deno_binary(), "install", f"--frozen={str(not refresh_lock).lower()}", "--entrypoint"]
    command += [ENTRYPOINT, *deno_test_files(directory)]
    result = subprocess.run(
        command, cwd=directory, env={**os.environ, **deno_environment()}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise InstallError(f"deno install failed for {directory.name}:\n{result.stdout}{result.stderr}")
