"""The wire details the clients rely on, checked over raw HTTP: headers, statuses, Prefer, Range, errors."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import jwt
import psycopg
import pytest

from tests.conformance.rest_clients import READER_A
from tests.conformance.targets import Target
from tests.support.tokens import user_token


@pytest.fixture
def rest(target: Target) -> Iterator[httpx.Client]:
    headers = {"apikey": target.anon_key}
    with httpx.Client(base_url=target.url + "/rest/v1", headers=headers, timeout=30) as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_each_request_runs_as_postgrest_sets_it_up(rest: httpx.Client, target: Target) -> None:
    token = user_token(target.jwt_secret, READER_A, "a@example.com")
    seen = rest.get("/rpc/whoami", headers={**bearer(token), "X-Trace": "Abc"}).json()
    assert seen["role"] == "authenticated"
    assert seen["claims"]["sub"] == READER_A
    assert seen["claims"]["role"] == "authenticated"
    assert (seen["method"], seen["path"], seen["read_only"]) == ("GET", "/rpc/whoami", "on")
    assert seen["headers"]["x-trace"] == "Abc"
    assert seen["search_path"].replace('"', "").split(", ")[:2] == ["public", "public"]
    anon = rest.post("/rpc/whoami", json={}).json()
    assert anon["claims"]["role"] == "anon"
    assert anon["role"] == "anon"


def test_range_header_partial_content_and_416(rest: httpx.Client) -> None:
    page = rest.get("/numbers?select=n&order=n", headers={"Range": "10-14", "Prefer": "count=exact"})
    assert page.status_code == 206
    assert page.headers["content-range"] == "10-14/1500"
    assert [row["n"] for row in page.json()] == [11, 12, 13, 14, 15]
    beyond = rest.get(
        "/numbers?select=n", headers={"Range": "99999999999999999999-", "Prefer": "count=exact"}
    )
    assert beyond.status_code == 416
    assert beyond.json()["code"] == "PGRST103"
    empty = rest.get("/numbers?n=lt.0")
    assert (empty.status_code, empty.headers["content-range"]) == (200, "*/*")


def test_rollback_preference_keeps_nothing(rest: httpx.Client, target: Target) -> None:
    service = bearer(target.service_role_key)
    prefer = {"Prefer": "return=representation", "prefer": "tx=rollback"}
    response = rest.post("/tags", json={"id": 77, "name": "ghost"}, headers={**service, **prefer})
    assert response.status_code == 201
    assert "tx=rollback" in response.headers["preference-applied"]
    assert rest.get("/tags?id=eq.77").json() == []


def test_headers_only_gives_the_location(rest: httpx.Client, target: Target) -> None:
    service = bearer(target.service_role_key)
    response = rest.post(
        "/tags", json={"id": 78, "name": "located"}, headers={**service, "Prefer": "return=headers-only"}
    )
    assert (response.status_code, response.headers["location"], response.content) == (
        201,
        "/tags?id=eq.78",
        b"",
    )
    assert rest.delete("/tags?id=eq.78", headers=service).status_code == 204


def test_csv_and_form_bodies(rest: httpx.Client, target: Target) -> None:
    service = {**bearer(target.service_role_key), "Prefer": "return=representation"}
    with_null = rest.post(
        "/tags", content="id,name\n81,NULL\n", headers={**service, "Content-Type": "text/csv"}
    )
    assert (with_null.status_code, with_null.json()["code"]) == (400, "23502")  # NULL is null in CSV
    made = rest.post(
        "/tags", content="id,name\n80,csv one\n", headers={**service, "Content-Type": "text/csv"}
    )
    assert made.json() == [{"id": 80, "name": "csv one"}]
    form = rest.post("/tags", data={"id": "81", "name": "form one"}, headers=service)
    assert form.json() == [{"id": 81, "name": "form one"}]
    rest.delete("/tags?id=in.(80,81)", headers=service)


def test_put_is_a_single_row_upsert_by_primary_key(rest: httpx.Client, target: Target) -> None:
    service = {**bearer(target.service_role_key), "Prefer": "return=representation"}
    created = rest.put("/tags?id=eq.82", json={"id": 82, "name": "put"}, headers=service)
    replaced = rest.put("/tags?id=eq.82", json={"id": 82, "name": "put again"}, headers=service)
    assert (created.status_code, replaced.status_code, replaced.json()) == (
        201,
        200,
        [{"id": 82, "name": "put again"}],
    )
    mismatch = rest.put("/tags?id=eq.82", json={"id": 83, "name": "x"}, headers=service)
    assert mismatch.json()["code"] == "PGRST115"
    rest.delete("/tags?id=eq.82", headers=service)


def test_stripped_nulls_and_singular_media_types(rest: httpx.Client) -> None:
    stripped = rest.get(
        "/books?select=id,pages&id=eq.6",
        headers={"Accept": "application/vnd.pgrst.array+json;nulls=stripped"},
    )
    assert stripped.json() == [{"id": 6}]
    one = rest.get("/books?select=id&id=eq.6", headers={"Accept": "application/vnd.pgrst.object+json"})
    assert one.headers["content-type"].startswith("application/vnd.pgrst.object+json")
    refused = rest.get("/books", headers={"Accept": "text/html"})
    assert (refused.status_code, refused.json()["code"]) == (406, "PGRST107")


def test_invalid_and_expired_tokens_are_401_with_a_challenge(rest: httpx.Client, target: Target) -> None:
    forged = rest.get(
        "/books", headers=bearer(jwt.encode({"role": "service_role", "exp": 2**31}, "not-the-secret"))
    )
    assert (forged.status_code, forged.json()["code"]) == (401, "PGRST301")
    assert forged.headers["www-authenticate"].startswith("Bearer")
    expired = user_token(target.jwt_secret, READER_A, lifetime=-3600)
    late = rest.get("/books", headers=bearer(expired))
    assert (late.status_code, late.json()["code"]) == (401, "PGRST303")


def test_strict_handling_and_max_affected(rest: httpx.Client, target: Target) -> None:
    service = bearer(target.service_role_key)
    unknown = rest.get("/books", headers={"Prefer": "handling=strict, frobnicate=yes"})
    assert unknown.json()["code"] == "PGRST122"
    too_many = rest.patch(
        "/books?id=lte.6",
        json={"summary": "x"},
        headers={**service, "Prefer": "handling=strict, max-affected=2"},
    )
    assert (too_many.status_code, too_many.json()["code"]) == (400, "PGRST124")
    assert rest.get("/books?summary=eq.x").json() == []


def test_response_status_and_headers_set_by_sql(rest: httpx.Client) -> None:
    response = rest.post("/rpc/teapot", json={})
    assert (response.status_code, response.headers["x-brewed"], response.json()) == (
        418,
        "yes",
        "short and stout",
    )


def test_options_lists_the_methods(rest: httpx.Client) -> None:
    response = rest.options("/books")
    assert response.status_code == 200
    assert "PATCH" in response.headers["allow"]


def test_schema_cache_reloads_after_ddl(rest: httpx.Client, target: Target) -> None:
    if target.db_url is None:
        pytest.skip("needs the database itself")
    name = f"fresh_{int(time.time() * 1000)}"
    assert rest.get(f"/{name}").json()["code"] == "PGRST205"
    with psycopg.connect(target.db_url, autocommit=True) as conn:
        conn.execute(f"create table public.{name} (id int primary key)")  # name made above, not input
    try:
        for _ in range(200):
            if rest.get(f"/{name}").status_code == 200:
                break
            time.sleep(0.05)
        assert rest.get(f"/{name}").json() == []
    finally:
        with psycopg.connect(target.db_url, autocommit=True) as conn:
            conn.execute(f"drop table public.{name}")


def test_the_root_describes_the_schema_as_openapi(rest: httpx.Client) -> None:
    document = rest.get("/").json()
    assert document["swagger"] == "2.0"
    assert {"/books", "/rpc/add", "/book_summaries"} <= set(document["paths"])
    books = document["definitions"]["books"]
    assert books["properties"]["genres"] == {"format": "text[]", "type": "array", "items": {"type": "string"}}
    assert books["required"] == ["title", "author_id"]
    archive = rest.get("/", headers={"Accept-Profile": "archive"}).json()
    assert set(archive["definitions"]) == {"old_books"}


def test_an_empty_patch_or_bulk_insert_changes_nothing(rest: httpx.Client, target: Target) -> None:
    service = {**bearer(target.service_role_key), "Prefer": "return=representation"}
    assert rest.patch("/tags?id=eq.1", json={}, headers=service).json() == []
    assert rest.post("/tags", json=[], headers=service).json() == []
    assert rest.get("/tags?id=eq.1&select=name").json() == [{"name": "hugo"}]
