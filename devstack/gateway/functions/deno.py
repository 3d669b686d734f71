"""The Deno that runs edge functions: PyPI's `deno` binary, with its cache inside devstack's data folder."""

from __future__ import annotations

from deno import find_deno_bin

from devstack.state import DATA_DIR

# npm packages are fetched into this cache by `python -m devstack functions install`; afterwards every
# run and test uses `--cached-only`, so nothing is downloaded at run time.
DENO_DIR = DATA_DIR / "deno"
# Every run and test resolves imports from the cache and the committed lock file only.
OFFLINE_FLAGS = ("--cached-only", "--frozen")


def deno_binary() -> str:
    """The path of the pinned Deno binary installed with the Python packages."""
    return find_deno_bin()


def deno_environment() -> dict[str, str]:
    """What every Deno process devstack starts needs: the shared cache, plain output."""
    return {"DENO_DIR": str(DENO_DIR), "NO_COLOR": "1", "DENO_NO_UPDATE_CHECK": "1"}
