"""Run the real supabase-js realtime tests (tests/conformance/js/realtime.test.mjs) against a gateway."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from devstack.postgres import Cluster, find_bindir
from devstack.state import REPO_ROOT
from tests.support.gateway import GatewayProcess

JS_DIR = Path(__file__).parent / "js"


def test_supabase_js_realtime(gateway: GatewayProcess, cluster: Cluster, realtime_db: str) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed (scripts/lib/setup.sh installs it)"
    assert (JS_DIR / "node_modules" / "@supabase" / "supabase-js").is_dir(), "run scripts/lib/setup.sh"
    alice, bob = str(uuid.uuid4()), str(uuid.uuid4())
    env = {
        **os.environ,
        "SUPABASE_URL": gateway.url,
        "SUPABASE_ANON_KEY": gateway.anon_key,
        "ALICE_ID": alice,
        "BOB_ID": bob,
        "ALICE_TOKEN": gateway.user_token(alice),
        "BOB_TOKEN": gateway.user_token(bob),
        "PSQL": str(find_bindir() / "psql"),
        "REALTIME_DB": realtime_db,
        "REALTIME_DB_URL": cluster.url(database=realtime_db),
        "DEVSTACK_PYTHON": sys.executable,
        "REPO_ROOT": str(REPO_ROOT),
    }
    command = [node, "--test", "realtime.test.mjs"]
    result = subprocess.run(  # noqa: S603 - node from PATH running our test file
        command, cwd=JS_DIR, env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
