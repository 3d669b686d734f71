"""supabase-py (sync and async) RPC: scalars, rows, sets and tables, by POST and GET, with filters."""

from __future__ import annotations

import pytest
from postgrest.exceptions import APIError

from tests.conformance.rest_clients import Api


def test_scalar_by_post_and_get(api: Api) -> None:
    assert api.run(api.anon.rpc("add", {"a": 2, "b": 3})).data == 5
    assert api.run(api.anon.rpc("add", {"a": 2, "b": 40}, get=True)).data == 42


def test_stable_scalar_without_arguments(api: Api) -> None:
    assert api.run(api.anon.rpc("book_count")).data >= 6


def test_a_row_comes_back_as_an_object(api: Api) -> None:
    row = api.run(api.anon.rpc("author_by_name", {"author_name": "Octavia Butler"})).data
    assert row["id"] == 2
    assert row["profile"]["country"] == "US"


def test_setof_accepts_select_filters_order_limit_and_embeds(api: Api) -> None:
    query = (
        api.anon.rpc("books_by_author", {"author": 1})
        .select("title, author:authors!author_id(name)")
        .gt("pages", 100)
        .order("id", desc=True)
        .limit(1)
    )
    assert api.run(query).data == [
        {"title": "The Left Hand of Darkness", "author": {"name": "Ursula Le Guin"}}
    ]


def test_table_function_with_a_default_argument_and_count(api: Api) -> None:
    everything = api.run(api.anon.rpc("book_titles", count="exact"))
    assert everything.count == len(everything.data) >= 6
    long_ones = api.run(api.anon.rpc("book_titles", {"min_pages": 300}).order("pages"))
    assert [row["title"] for row in long_ones.data][:2] == ["The Left Hand of Darkness", "The Fifth Season"]


def test_head_with_count_on_a_set(api: Api) -> None:
    response = api.run(api.anon.rpc("book_titles", {"min_pages": 300}, count="exact", head=True))
    assert response.count >= 2


def test_array_argument_and_whole_body_json_argument(api: Api) -> None:
    assert api.run(api.anon.rpc("sum_all", {"vals": [1, 2, 3, 4]})).data == 10
    assert api.run(api.anon.rpc("echo_body", {"any": {"nested": [1, "two"]}})).data == {
        "any": {"nested": [1, "two"]}
    }


def test_void_function(api: Api) -> None:
    assert not api.run(api.anon.rpc("reset_nothing")).data


def test_raised_exception_is_400_with_its_hint(api: Api) -> None:
    with pytest.raises(APIError) as refused:
        api.run(api.anon.rpc("fail_with", {"message": "no seats left"}))
    assert (refused.value.code, refused.value.message, refused.value.hint) == (
        "P0001",
        "no seats left",
        "raised on purpose",
    )


def test_unknown_function_is_pgrst202(api: Api) -> None:
    with pytest.raises(APIError) as refused:
        api.run(api.anon.rpc("add", {"x": 1}))
    assert refused.value.code == "PGRST202"


def test_a_volatile_function_cannot_write_under_get(api: Api) -> None:
    with pytest.raises(APIError) as refused:
        api.run(api.service.rpc("borrow", {"book": 1}, get=True))
    assert refused.value.code == "25006"
