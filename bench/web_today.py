"""Time to interactive of the admin Today page in Chromium on the seeded center, on a stack of its own.

Usage (from the repository root, with the frontend installed): .venv/bin/python -m bench.web_today

Starts a seeded clone of the test template, the gateway, the provider sandbox and the service on free
ports (tests/support/web_stack.py), then runs bench/today-interactive.mjs against them. RUNS=n sets
the number of measured loads (default 10).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from devstack import databases
from devstack.postgres import Cluster
from devstack.state import REPO_ROOT, load_state
from tests.support.databases import ensure_template
from tests.support.web_stack import web_stack


def main() -> int:
    cluster = Cluster(load_state())
    cluster.start()
    databases.ensure_roles(cluster)
    template = ensure_template(cluster)
    with tempfile.TemporaryDirectory() as storage, web_stack(cluster, template, Path(storage)) as stack:
        environment = {
            **os.environ,
            "STACK_SUPABASE_URL": stack.supabase_url,
            "STACK_ANON_KEY": stack.anon_key,
            "STACK_AUTOMATION_URL": stack.automation_url,
        }
        script = REPO_ROOT / "bench" / "today-interactive.mjs"
        return subprocess.run(["node", str(script)], env=environment, check=False).returncode  # noqa: S603, S607


if __name__ == "__main__":
    sys.exit(main())
