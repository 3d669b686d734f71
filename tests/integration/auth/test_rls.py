"""An access token Auth issues is honoured by row-level security behind the gateway's key gate.

A probe API mounted on the same gateway does what PostgREST and Storage do with a request: take
the bearer the key gate hands on, verify it, and run SQL in `request_transaction` as its claims.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from devstack.gateway.app import GatewayContext
from devstack.gateway.database import request_transaction
from devstack.gateway.jwt_claims import decode
from devstack.postgres import Cluster
from tests.integration.auth.conftest import sign_up
from tests.support.auth_stack import AuthStack, auth_stack

NOTES = """
create table public.notes (owner uuid not null default auth.uid(), body text not null);
alter table public.notes enable row level security;
create policy "owners read their notes" on public.notes for select to authenticated
  using (owner = (select auth.uid()));
create policy "owners write their notes" on public.notes for insert to authenticated
  with check (owner = (select auth.uid()));
"""


def probe_api(context: GatewayContext) -> Starlette:
    async def notes(request: Request) -> JSONResponse:
        claims = decode(request.scope["state"]["caller"].bearer, context.settings.jwt_secret)
        async with request_transaction(
            context.pools.api,
            claims=claims,
            method=request.method,
            path=request.url.path,
            headers=dict(request.headers),
            search_path="public, extensions",
            read_only=request.method == "GET",
        ) as conn:
            if request.method == "POST":
                await conn.execute("insert into notes (body) values (%s)", ((await request.json())["body"],))
            rows = await (await conn.execute("select body from notes order by body")).fetchall()
        return JSONResponse([body for (body,) in rows])

    return Starlette(routes=[Route("/notes", notes, methods=["GET", "POST"])])


def create_notes(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(NOTES)


@pytest.fixture(scope="module")
def probed(cluster: Cluster, template_db: str) -> Iterator[AuthStack]:
    with auth_stack(cluster, template_db, [("/probe/v1", probe_api)], prepare_db=create_notes) as running:
        yield running


def probe(stack: AuthStack, token: str | None, body: str | None = None) -> list[str]:
    with stack.client(token=token) as client:
        if body is None:
            response = client.get(f"{stack.url}/probe/v1/notes")
        else:
            response = client.post(f"{stack.url}/probe/v1/notes", json={"body": body})
    assert response.status_code == 200, response.text
    return response.json()


def test_each_user_reads_and_writes_only_their_own_rows(probed):
    asha, ravi = sign_up(probed)["access_token"], sign_up(probed)["access_token"]
    assert probe(probed, asha, "asha's note") == ["asha's note"]
    assert probe(probed, ravi, "ravi's note") == ["ravi's note"]
    assert probe(probed, asha) == ["asha's note"]
    assert probe(probed, None) == []  # the anon key's role has no policy here
