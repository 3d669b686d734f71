"""Run the real supabase-js realtime tests (tests/conformance/js/realtime.test.mjs) against a gateway."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

from devstack.postgres import Cluster, find_bindir
from devstack.state import REPO_ROOT
from tests.conformance.node import JS_DIR, NODE
from tests.support.gateway import GatewayProcess


def test_supabase_js_realtime(gateway: GatewayProcess, cluster: Cluster, realtime_db: str) -> None:
    assert NODE.exists(), "Node packages missing: run ./scripts/test (it runs npm ci in tests/conformance/js)"
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
    command = [str(NODE), "--test", "realtime.test.mjs"]
    result = subprocess.run(  # noqa: S603 - node from PATH running our test file
        command, cwd=JS_DIR, env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
