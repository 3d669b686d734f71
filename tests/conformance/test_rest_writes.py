"""supabase-py (sync and async) writes: insert, bulk insert, upsert, update, delete, counts, returning."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from postgrest.exceptions import APIError

from tests.conformance.rest_clients import READER_A, Api


@pytest.fixture
def marker(api: Api) -> Iterator[str]:
    """A unique title prefix; every book carrying it is deleted after the test."""
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    yield prefix
    api.run(api.service.table("books").delete().like("title", f"{prefix}%"))


def test_insert_returns_the_row_with_embeds(api: Api, marker: str) -> None:
    query = api.service.table("books").insert({"title": f"{marker} one", "author_id": 3, "genres": ["scifi"]})
    rows = api.run(query.select("title, genres, author:authors!author_id(name)")).data
    assert rows == [{"title": f"{marker} one", "genres": ["scifi"], "author": {"name": "Stanislaw Lem"}}]


def test_bulk_insert_fills_missing_keys_with_null_or_with_the_default(api: Api, marker: str) -> None:
    rows = [
        {"title": f"{marker} a", "author_id": 1, "price_paise": 100},
        {"title": f"{marker} b", "author_id": 1},
    ]
    as_null = api.service.table("books").insert(rows, count="exact", default_to_null=True)
    with pytest.raises(APIError) as refused:
        api.run(as_null)  # price_paise is NOT NULL: the missing key became null
    assert refused.value.code == "23502"
    inserted = api.run(api.service.table("books").insert(rows, count="exact", default_to_null=False))
    assert inserted.count == 2
    assert sorted(row["price_paise"] for row in inserted.data) == [0, 100]


def test_upsert_merges_or_ignores_duplicates(api: Api, marker: str) -> None:
    isbn = marker
    first = api.run(
        api.service.table("books").upsert(
            {"title": f"{marker} v1", "author_id": 2, "isbn": isbn}, on_conflict="isbn"
        )
    )
    merged = api.run(
        api.service.table("books").upsert(
            {"title": f"{marker} v2", "author_id": 2, "isbn": isbn}, on_conflict="isbn"
        )
    )
    assert merged.data[0]["id"] == first.data[0]["id"]
    assert merged.data[0]["title"] == f"{marker} v2"
    ignored = api.service.table("books").upsert(
        {"title": f"{marker} v3", "author_id": 2, "isbn": isbn}, on_conflict="isbn", ignore_duplicates=True
    )
    assert api.run(ignored).data == []
    stored = api.run(api.service.table("books").select("title").eq("isbn", isbn)).data
    assert stored == [{"title": f"{marker} v2"}]


def test_upsert_by_primary_key(api: Api) -> None:
    api.run(api.service.table("tags").upsert({"id": 90, "name": "first"}))
    api.run(api.service.table("tags").upsert([{"id": 90, "name": "second"}, {"id": 91, "name": "other"}]))
    rows = api.run(api.service.table("tags").select("id,name").in_("id", [90, 91]).order("id")).data
    assert rows == [{"id": 90, "name": "second"}, {"id": 91, "name": "other"}]
    api.run(api.service.table("tags").delete().in_("id", [90, 91]))


def test_update_with_filters_and_count(api: Api, marker: str) -> None:
    api.run(api.service.table("books").insert([{"title": f"{marker} {i}", "author_id": 4} for i in range(3)]))
    updated = api.run(
        api.service.table("books")
        .update({"pages": 42}, count="exact")
        .like("title", f"{marker}%")
        .neq("title", f"{marker} 0")
    )
    assert updated.count == 2
    assert {row["pages"] for row in updated.data} == {42}
    untouched = api.run(api.service.table("books").select("pages").eq("title", f"{marker} 0").single())
    assert untouched.data == {"pages": None}


def test_delete_with_filters_returns_the_deleted_rows(api: Api, marker: str) -> None:
    api.run(api.service.table("books").insert([{"title": f"{marker} {i}", "author_id": 4} for i in range(2)]))
    deleted = api.run(api.service.table("books").delete(count="exact").eq("title", f"{marker} 1"))
    assert deleted.count == 1
    assert [row["title"] for row in deleted.data] == [f"{marker} 1"]
    left = api.run(api.service.table("books").select("title").like("title", f"{marker}%")).data
    assert left == [{"title": f"{marker} 0"}]


def test_minimal_returning_sends_no_body(api: Api, marker: str) -> None:
    inserted = api.run(
        api.service.table("books").insert({"title": f"{marker} m", "author_id": 1}, returning="minimal")
    )
    assert inserted.data == []
    assert (
        api.run(api.service.table("books").select("id", count="exact").eq("title", f"{marker} m")).count == 1
    )


def test_unknown_column_in_the_payload_is_pgrst204(api: Api) -> None:
    with pytest.raises(APIError) as refused:
        api.run(api.service.table("books").insert({"title": "x", "author_id": 1, "colour": "red"}))
    assert refused.value.code == "PGRST204"


def test_constraint_violations_are_409(api: Api) -> None:
    with pytest.raises(APIError) as unique:
        api.run(api.service.table("tags").insert({"id": 1, "name": "dup"}))
    assert unique.value.code == "23505"
    with pytest.raises(APIError) as foreign:
        api.run(api.service.table("loans").insert({"reader_id": READER_A, "book_id": 99999}))
    assert foreign.value.code == "23503"


def test_single_on_a_mutation_that_touches_several_rows_rolls_back(api: Api, marker: str) -> None:
    api.run(api.service.table("books").insert([{"title": f"{marker} {i}", "author_id": 4} for i in range(2)]))
    with pytest.raises(APIError) as refused:
        api.run(api.service.table("books").update({"pages": 1}).like("title", f"{marker}%").single())
    assert refused.value.code == "PGRST116"
    pages = api.run(api.service.table("books").select("pages").like("title", f"{marker}%")).data
    assert pages == [{"pages": None}, {"pages": None}]
