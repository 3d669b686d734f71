"""The web app in Chromium against the whole local stack: frontend/e2e/stack run by vitest under pytest."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg

from devstack.postgres import Cluster
from devstack.state import REPO_ROOT
from tests.support.web_stack import web_stack

FRONTEND = REPO_ROOT / "frontend"
VITEST = FRONTEND / "node_modules" / ".bin" / "vitest"
RUN_SECONDS = 600  # a bound on a hung browser, never an assertion about speed


def _a_student_email(db_url: str) -> str:
    with psycopg.connect(db_url) as conn:
        row = conn.execute("select email from public.profiles where role = 'student' order by email limit 1")
        return row.fetchone()[0]


def test_the_web_app_works_in_a_browser_on_the_seeded_stack(
    cluster: Cluster, template_db: str, tmp_path: Path
) -> None:
    with web_stack(cluster, template_db, tmp_path / "storage") as stack:
        environment = {
            **os.environ,
            "STACK_SUPABASE_URL": stack.supabase_url,
            "STACK_ANON_KEY": stack.anon_key,
            "STACK_AUTOMATION_URL": stack.automation_url,
            "STACK_APP_PORT": str(stack.app_port),
            "STACK_STUDENT_EMAIL": _a_student_email(stack.db_url),
        }
        result = subprocess.run(  # noqa: S603 - the project's own vitest
            [str(VITEST), "run", "--config", "vitest.stack.config.ts"],
            cwd=FRONTEND,
            env=environment,
            capture_output=True,
            text=True,
            timeout=RUN_SECONDS,
            check=False,
        )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
