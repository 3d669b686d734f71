"""Run the real supabase-js functions tests (tests/conformance/js/functions.test.mjs) against a gateway."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.support.gateway import GatewayProcess

JS_DIR = Path(__file__).parent / "js"


def test_supabase_js_functions(functions_gateway: GatewayProcess) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed (scripts/lib/setup.sh installs it)"
    assert (JS_DIR / "node_modules" / "@supabase" / "supabase-js").is_dir(), "run scripts/lib/setup.sh"
    env = {
        **os.environ,
        "SUPABASE_URL": functions_gateway.url,
        "SUPABASE_ANON_KEY": functions_gateway.anon_key,
        "USER_TOKEN": functions_gateway.user_token("5b0e3c1d-7f2a-4c8e-9d6b-1a2f3e4d5c6b"),
    }
    result = subprocess.run(  # noqa: S603 - node from PATH running our test file
        [node, "--test", "functions.test.mjs"], cwd=JS_DIR, env=env, capture_output=True, text=True,
        timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
