"""supabase-py (sync and async) filters: every operator of B.2, negation, modifiers and logic trees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conformance.rest_clients import Api

Build = Callable[[Any], Any]

CASES: list[tuple[str, Build, list[int]]] = [
    ("eq", lambda q: q.eq("pages", 264), [3]),
    ("neq", lambda q: q.neq("author_id", 1), [3, 4, 5, 6]),
    ("gt", lambda q: q.gt("pages", 300), [2, 5]),
    ("gte", lambda q: q.gte("pages", 304), [2, 5]),
    ("lt", lambda q: q.lt("pages", 200), [1]),
    ("lte", lambda q: q.lte("pages", 204), [1, 4]),
    ("like", lambda q: q.like("title", "%Season"), [5]),
    ("ilike", lambda q: q.ilike("title", "*of*"), [1, 2]),
    ("like any", lambda q: q.like_any_of("title", "Kin*,Sol*"), [3, 4]),
    ("ilike all", lambda q: q.ilike_all_of("title", "*the*,*season*"), [5]),
    ("match", lambda q: q.filter("title", "match", "^[KS]"), [3, 4]),
    ("imatch", lambda q: q.filter("title", "imatch", "^kind"), [3]),
    ("is null", lambda q: q.is_("in_print", "null"), [4, 6]),
    ("is true", lambda q: q.is_("in_print", True), [1, 2, 3]),
    ("not is null", lambda q: q.not_.is_("pages", "null"), [1, 2, 3, 4, 5]),
    ("isdistinct", lambda q: q.filter("in_print", "isdistinct", "true"), [4, 5, 6]),
    ("in", lambda q: q.in_("title", ["Kindred", "Solaris", "A, with comma"]), [3, 4]),
    ("not in", lambda q: q.not_.in_("id", [1, 2, 3, 4]), [5, 6]),
    ("contains array", lambda q: q.contains("genres", ["scifi", "classic"]), [2, 4]),
    ("contained by", lambda q: q.contained_by("genres", ["fantasy", "classic"]), [1, 5, 6]),
    ("overlaps", lambda q: q.overlaps("genres", ["fantasy", "nothing"]), [1, 5]),
    ("fts", lambda q: q.text_search("search", "wizard & names", {"config": "english"}), [1]),
    ("plfts", lambda q: q.text_search("search", "ocean planet", {"type": "plain"}), [4]),
    (
        "phfts",
        lambda q: q.text_search("search", "winter planet", {"type": "phrase", "config": "english"}),
        [2],
    ),
    ("wfts", lambda q: q.text_search("search", '"back in time" -ocean', {"type": "web_search"}), [3]),
    ("or", lambda q: q.or_("pages.lt.190,title.eq.Kindred"), [1, 3]),
    ("nested and inside or", lambda q: q.or_("id.eq.6,and(pages.gt.300,in_print.is.false)"), [5, 6]),
    ("not or", lambda q: q.not_.or_("pages.gt.200,pages.is.null"), [1]),
    ("match dict", lambda q: q.match({"author_id": 1, "pages": 183}), [1]),
    ("quoted value in logic", lambda q: q.or_('title.eq."A Wizard of Earthsea",id.eq.4'), [1, 4]),
]


@pytest.mark.parametrize(("name", "build", "expected"), CASES, ids=[case[0] for case in CASES])
def test_filter_operator(api: Api, name: str, build: Build, expected: list[int]) -> None:
    query = build(api.anon.table("books").select("id").lte("id", 6)).order("id")
    assert [row["id"] for row in api.run(query).data] == expected, name


def test_json_path_filters(api: Api) -> None:
    query = (
        api.anon.table("authors").select("id").eq("profile->>country", "US").gt("profile->awards->hugo", 2)
    )
    assert [row["id"] for row in api.run(query.order("id")).data] == [1, 4]


def test_jsonb_contains_an_object(api: Api) -> None:
    query = api.anon.table("authors").select("id").contains("profile", {"country": "PL"})
    assert api.run(query).data == [{"id": 3}]


@pytest.mark.parametrize(
    ("method", "bounds", "expected"),
    [
        ("range_lt", (60, 70), [1]),
        ("range_gt", (10, 30), [2, 3]),
        ("range_gte", (30, 45), [2, 3]),
        ("range_lte", (0, 130), [1, 2]),
        ("range_adjacent", (299, 310), [3]),
    ],
)
def test_range_operators(api: Api, method: str, bounds: tuple[int, int], expected: list[int]) -> None:
    query = getattr(api.anon.table("reading_slots").select("id"), method)("pages", bounds)
    assert [row["id"] for row in api.run(query.order("id")).data] == expected


def test_range_contains_and_overlaps_take_range_literals(api: Api) -> None:
    holding = api.anon.table("reading_slots").select("id").contains("pages", "[210,220)")
    assert api.run(holding).data == [{"id": 3}]
    crossing = api.anon.table("reading_slots").select("id").filter("pages", "ov", "[45,46]").order("id")
    assert api.run(crossing).data == [{"id": 1}, {"id": 2}]
