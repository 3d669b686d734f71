"""supabase-py (sync and async) reads: select grammar, embedding, ordering, paging, counts, formats."""

from __future__ import annotations

import pytest
from postgrest.exceptions import APIError

from tests.conformance.rest_clients import Api


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row["title"] for row in response.data]


def test_columns_aliases_casts_and_json_paths(api: Api) -> None:
    query = api.anon.table("authors").select(
        "name, country:profile->>country, hugo:profile->awards->hugo, "
        "first_lang:profile->langs->>0, born::text"
    )
    rows = api.run(query.eq("id", 3)).data
    assert rows == [
        {"name": "Stanislaw Lem", "country": "PL", "hugo": 0, "first_lang": "pl", "born": "1921-09-12"}
    ]


def test_a_json_path_names_its_column_after_the_last_key(api: Api) -> None:
    rows = api.run(api.anon.table("authors").select("profile->country").eq("id", 1)).data
    assert rows == [{"country": "US"}]


def test_many_to_one_embed_with_a_column_hint_and_alias(api: Api) -> None:
    query = api.anon.table("books").select("title, writer:authors!author_id(name)").eq("id", 3)
    assert api.run(query).data == [{"title": "Kindred", "writer": {"name": "Octavia Butler"}}]


def test_many_to_one_embed_with_a_constraint_hint_renders_null_when_missing(api: Api) -> None:
    query = api.anon.table("books").select("id, co:authors!books_co_author_id_fkey(name)").in_("id", [3, 5])
    rows = api.run(query.order("id")).data
    assert rows == [{"id": 3, "co": None}, {"id": 5, "co": {"name": "Octavia Butler"}}]


def test_one_to_many_embed_is_an_array_ordered_and_limited(api: Api) -> None:
    query = (
        api.anon.table("authors")
        .select("name, books!author_id(title)")
        .eq("id", 1)
        .order("id", desc=True, foreign_table="books")
        .limit(1, foreign_table="books")
    )
    assert api.run(query).data == [
        {"name": "Ursula Le Guin", "books": [{"title": "The Left Hand of Darkness"}]}
    ]


def test_many_to_many_embed_through_the_join_table(api: Api) -> None:
    query = (
        api.anon.table("books").select("title, tags(name)").eq("id", 2).order("name", foreign_table="tags")
    )
    assert api.run(query).data == [
        {"title": "The Left Hand of Darkness", "tags": [{"name": "hugo"}, {"name": "nebula"}]}
    ]


def test_self_reference_by_foreign_key_column(api: Api) -> None:
    query = (
        api.anon.table("authors").select("name, mentor:mentor_id(name, mentor:mentor_id(name))").eq("id", 4)
    )
    expected = {
        "name": "N. K. Jemisin",
        "mentor": {"name": "Octavia Butler", "mentor": {"name": "Ursula Le Guin"}},
    }
    assert api.run(query).data == [expected]


def test_filters_on_an_embed_filter_only_the_embedded_rows(api: Api) -> None:
    query = api.anon.table("authors").select("id, books!author_id(title)").eq("books.pages", 183).lte("id", 2)
    rows = api.run(query.order("id")).data
    assert rows == [{"id": 1, "books": [{"title": "A Wizard of Earthsea"}]}, {"id": 2, "books": []}]


def test_inner_embed_drops_parents_without_a_match(api: Api) -> None:
    query = api.anon.table("authors").select("id, books!author_id!inner(title)").eq("books.pages", 183)
    assert api.run(query).data == [{"id": 1, "books": [{"title": "A Wizard of Earthsea"}]}]


def test_embed_presence_filter_and_or_on_a_referenced_table(api: Api) -> None:
    query = (
        api.anon.table("books")
        .select("id, tags(name)")
        .or_("name.eq.translated,name.eq.nebula", reference_table="tags")
        .not_.is_("tags", "null")
        .order("id")
    )
    assert [row["id"] for row in api.run(query).data] == [1, 2, 4]


def test_ambiguous_embed_is_refused_with_300_pgrst201(api: Api) -> None:
    with pytest.raises(APIError) as refused:
        api.run(api.anon.table("books").select("title, authors(name)"))
    assert refused.value.code == "PGRST201"
    assert len(refused.value.details) == 2  # type: ignore[arg-type]


def test_unknown_relationship_is_pgrst200(api: Api) -> None:
    with pytest.raises(APIError) as refused:
        api.run(api.anon.table("books").select("title, reading_slots(id)"))
    assert refused.value.code == "PGRST200"


def test_order_with_nulls_placement_and_on_a_to_one_embed(api: Api) -> None:
    nulls_first = api.run(api.anon.table("books").select("title").order("pages", nullsfirst=True).limit(2))
    assert titles(nulls_first) == ["Untitled Draft", "A Wizard of Earthsea"]
    by_author = api.anon.table("books").select("id, author:authors!author_id(name)")
    rows = api.run(by_author.order("author(name)").order("id", desc=True).limit(3)).data
    assert [row["id"] for row in rows] == [6, 5, 3]


def test_limit_offset_and_range(api: Api) -> None:
    assert titles(api.run(api.anon.table("books").select("title").order("id").limit(2).offset(1))) == [
        "The Left Hand of Darkness",
        "Kindred",
    ]
    assert titles(api.run(api.anon.table("books").select("title").order("id").range(4, 5))) == [
        "The Fifth Season",
        "Untitled Draft",
    ]


@pytest.mark.parametrize("method", ["exact", "planned", "estimated"])
def test_counts(api: Api, method: str) -> None:
    response = api.run(api.anon.table("numbers").select("n", count=method).lt("n", 11).limit(3))  # type: ignore[arg-type]
    assert len(response.data) == 3
    assert response.count is not None
    if method != "planned":
        assert response.count == 10


def test_head_counts_without_rows(api: Api) -> None:
    response = api.run(api.anon.table("books").select("*", count="exact", head=True))
    assert response.count >= 6
    assert not response.data


def test_db_max_rows_caps_the_page_at_1000(api: Api) -> None:
    assert len(api.run(api.anon.table("numbers").select("n")).data) == 1000


def test_single_and_maybe_single(api: Api) -> None:
    one = api.run(api.anon.table("books").select("title").eq("id", 4).single())
    assert one.data == {"title": "Solaris"}
    with pytest.raises(APIError) as refused:
        api.run(api.anon.table("books").select("title").gt("id", 1).single())
    assert refused.value.code == "PGRST116"
    assert api.run(api.anon.table("books").select("title").eq("id", 999).maybe_single()) is None


def test_csv_output(api: Api) -> None:
    response = api.run(
        api.anon.table("books").select("id,title,in_print").in_("id", [1, 4]).order("id").csv()
    )
    assert response.data == 'id,title,in_print\n1,"A Wizard of Earthsea",t\n4,Solaris,'


def test_a_view_reads_like_a_table(api: Api) -> None:
    rows = api.run(api.anon.table("book_summaries").select("title, author_name").eq("id", 3)).data
    assert rows == [{"title": "Kindred", "author_name": "Octavia Butler"}]


def test_another_exposed_schema_through_the_profile_header(api: Api) -> None:
    archive = api.client(schema="archive")
    assert api.run(archive.table("old_books").select("title").order("id")).data == [
        {"title": "Old Tome"},
        {"title": "Older Tome"},
    ]


def test_a_schema_that_is_not_exposed_is_406_pgrst106(api: Api) -> None:
    with pytest.raises(APIError) as refused:
        api.run(api.client(schema="auth").table("users").select("id"))
    assert refused.value.code == "PGRST106"


def test_an_unknown_table_is_404_pgrst205(api: Api) -> None:
    with pytest.raises(APIError) as refused:
        api.run(api.anon.table("no_such_table").select("*"))
    assert refused.value.code == "PGRST205"
