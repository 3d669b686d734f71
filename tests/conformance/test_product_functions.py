"""The product's edge functions (supabase/functions) served by the gateway, with a stand-in service.

A landing page's form reaches the service through lead-intake without any key; a pg_cron-style
`net.http_post` with the service role key reaches the service's tick through automation-tick.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from devstack.postgres import Cluster
from devstack.state import REPO_ROOT
from tests.conformance.conftest import functions_gateway_process
from tests.support.gateway import GatewayProcess
from tests.support.servers import WebhookReceiver

SECRET = "internal-secret-for-the-functions-test"


@pytest.fixture(scope="module")
def service() -> Iterator[WebhookReceiver]:
    """Stands in for the automation service: records requests, answers 200."""
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def gateway(
    cluster: Cluster, realtime_db: str, service: WebhookReceiver, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    """The repository's config.toml and functions, with a functions/.env pointing at the stand-in."""
    project = tmp_path_factory.mktemp("supabase")
    shutil.copy(REPO_ROOT / "supabase" / "config.toml", project)
    shutil.copytree(REPO_ROOT / "supabase" / "functions", project / "functions")
    dotenv = f"AUTOMATION_URL={service.url}\nAUTOMATION_INTERNAL_SECRET={SECRET}\n"
    (project / "functions" / ".env").write_text(dotenv)
    process = functions_gateway_process(cluster, realtime_db, project, project / "gateway.log")
    yield process
    process.stop()


def test_the_landing_page_form_reaches_the_service_without_any_key(
    gateway: GatewayProcess, service: WebhookReceiver
) -> None:
    form = {"name": "Asha Verma", "email": "asha@example.com", "course_slug": "business-basics"}
    answer = httpx.post(
        f"{gateway.url}/functions/v1/lead-intake", json=form, headers={"Origin": "http://127.0.0.1:5173"}
    )
    assert answer.status_code == 200  # the stand-in's answer, passed through
    assert answer.headers["access-control-allow-origin"] == "*"
    (received,) = service.on("/public/leads", 1)
    assert json.loads(received.body) == {
        **form,
        "consents": {"email": False, "whatsapp": False, "call": False, "sms": False},
        "utm": {},
    }
    assert received.header("x-forwarded-for") == "127.0.0.1"


def test_a_cron_call_through_pg_net_runs_the_tick(
    gateway: GatewayProcess, service: WebhookReceiver, sql: psycopg.Connection
) -> None:
    sql.execute(
        "select net.http_post(url := %s, headers := jsonb_build_object('Authorization', 'Bearer ' || %s))",
        (f"{gateway.url}/functions/v1/automation-tick/outbox", gateway.service_role_key),
    )
    (received,) = service.on("/internal/ticks/outbox", 1)
    assert received.header("x-internal-secret") == SECRET
    assert json.loads(received.body) == {}


def test_automation_tick_refuses_other_callers(gateway: GatewayProcess) -> None:
    url = f"{gateway.url}/functions/v1/automation-tick/outbox"
    assert httpx.post(url).status_code == 401  # the platform's JWT check
    refused = httpx.post(url, headers={"Authorization": f"Bearer {gateway.anon_key}"})
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "forbidden")
