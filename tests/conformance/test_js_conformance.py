"""Run the supabase-js suite (`tests/conformance/js/*.test.mjs`, node:test) against a target.

Each run gets its own library database and gateway, so the JS tests never race the Python
ones. Every test file reads `SUPABASE_URL`, `SUPABASE_ANON_KEY`, `SUPABASE_SERVICE_ROLE_KEY`
and `SUPABASE_JWT_SECRET` from the environment; the same files run against a real project
(see conftest.py for the `CONFORMANCE_SUPABASE_*` variables), or by hand:

    cd tests/conformance/js && SUPABASE_URL=... SUPABASE_ANON_KEY=... \\
      SUPABASE_SERVICE_ROLE_KEY=... SUPABASE_JWT_SECRET=... node_modules/.bin/node --test \\
      rest-read.test.mjs rest-write.test.mjs auth.test.mjs storage.test.mjs
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest

from devstack.postgres import Cluster
from tests.conformance.node import JS_DIR, NODE
from tests.conformance.targets import Target, devstack_gateway, library_database, remote_target

# The files of this suite; realtime.test.mjs needs its own gateway process (test_realtime_js.py).
SUITE = ["gateway.test.mjs", "rest-read.test.mjs", "rest-write.test.mjs", "auth.test.mjs", "storage.test.mjs"]


@pytest.fixture(params=["devstack", "supabase"])
def js_target(request: pytest.FixtureRequest, cluster: Cluster, template_db: str) -> Iterator[Target]:
    if request.param == "supabase":
        remote = remote_target()
        if remote is None:
            pytest.skip("no real Supabase project configured (CONFORMANCE_SUPABASE_* variables)")
        yield remote
        return
    with library_database(cluster, template_db) as name, devstack_gateway(cluster, name) as target:
        yield target


def test_supabase_js_suite_passes(js_target: Target) -> None:
    if not NODE.exists():
        pytest.fail("Node packages missing: run ./scripts/test (it runs npm ci in tests/conformance/js)")
    result = subprocess.run(  # noqa: S603 (our own pinned node binary and arguments)
        [str(NODE), "--test", "--test-reporter=spec", *SUITE],
        cwd=JS_DIR,
        env={**os.environ, **js_target.environment(), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"node --test failed:\n{result.stdout}\n{result.stderr}"
