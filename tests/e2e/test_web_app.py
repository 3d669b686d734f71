"""The web app in Chromium against the whole local stack: frontend/e2e/stack run by vitest under pytest."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from devstack.postgres import Cluster
from devstack.state import REPO_ROOT
from tests.support.web_stack import WebStack, web_stack

FRONTEND = REPO_ROOT / "frontend"
VITEST = FRONTEND / "node_modules" / ".bin" / "vitest"
RUN_SECONDS = 600  # a bound on a hung browser, never an assertion about speed
# pytest's own bound (300 s by default) must not end a run before vitest's does; the stack's start and
# stop come on top.
STACK_RUN = pytest.mark.timeout(RUN_SECONDS + 120)
JOURNEY = "e2e/stack/journey.stack.ts"
ARTIFACTS = REPO_ROOT / "test-artifacts"


def _two_enrolled_students(db_url: str) -> list[tuple[str, str]]:
    """(email, batch name) of two seeded students with an active enrollment each, in different batches."""
    with psycopg.connect(db_url) as conn:
        return conn.execute(
            "select distinct on (b.name) p.email, b.name from public.profiles p"
            " join public.enrollments e on e.student_id = p.id and e.status = 'active'"
            " join public.batches b on b.id = e.batch_id"
            " where p.role = 'student' order by b.name, p.email limit 2"
        ).fetchall()


def _first_id(db_url: str, table: str, condition: str) -> str:
    """The id of some seeded row, for a page that shows one (a paid payment, a lead)."""
    query = sql.SQL("select id::text from {} where {} order by id limit 1").format(
        sql.Identifier("public", table), sql.SQL(condition)
    )
    with psycopg.connect(db_url) as conn:
        return conn.execute(query).fetchone()[0]


def _environment(stack: WebStack) -> dict[str, str]:
    (student, batch), (other_student, other_batch) = _two_enrolled_students(stack.db_url)
    return {
        **os.environ,
        "STACK_SUPABASE_URL": stack.supabase_url,
        "STACK_ANON_KEY": stack.anon_key,
        "STACK_AUTOMATION_URL": stack.automation_url,
        "STACK_APP_URL": stack.app_url,
        "STACK_SANDBOX_URL": stack.sandbox_url,
        "STACK_STUDENT_EMAIL": student,
        "STACK_STUDENT_BATCH": batch,
        "STACK_OTHER_STUDENT_EMAIL": other_student,
        "STACK_OTHER_STUDENT_BATCH": other_batch,
        "STACK_PAID_PAYMENT_ID": _first_id(stack.db_url, "payments", "status = 'paid'"),
        "STACK_LEAD_ID": _first_id(stack.db_url, "leads", "status = 'contacted'"),
    }


def _run_vitest(stack: WebStack, name: str, *arguments: str) -> str:
    """Runs the stack's browser tests with `arguments`; returns vitest's output, failing the test with it.
    The whole output is kept in test-artifacts/<name>.log."""
    result = subprocess.run(  # noqa: S603 - the project's own vitest
        [str(VITEST), "run", "--config", "vitest.stack.config.ts", *arguments],
        cwd=FRONTEND,
        env={**_environment(stack), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
        check=False,
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.log").write_text(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    return result.stdout


@STACK_RUN
def test_the_web_app_works_in_a_browser_on_the_seeded_stack(
    cluster: Cluster, template_db: str, tmp_path: Path
) -> None:
    with web_stack(cluster, template_db, tmp_path / "storage") as stack:
        output = _run_vitest(stack, "web-app", "--exclude", JOURNEY)
    print(output[output.find("Screenshots in") :])  # noqa: T201 - the list of artifacts, shown with -s


@STACK_RUN
def test_a_visitor_becomes_a_student_in_their_batch(
    cluster: Cluster, template_db: str, tmp_path: Path
) -> None:
    with web_stack(cluster, template_db, tmp_path / "storage") as stack:
        _run_vitest(stack, "journey", JOURNEY)
