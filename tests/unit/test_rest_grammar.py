"""The REST URL grammar on its own: values leave the tree, names and structure stay."""

from __future__ import annotations

import pytest

from devstack.gateway.rest.errors import RestError
from devstack.gateway.rest.grammar import in_list, parse_order, parse_select, split_top_level
from devstack.gateway.rest.query_string import parse_query
from devstack.gateway.rest.syntax import Column, Condition, Embed, Field, Logic, OrderTerm, Param, PathStep


def test_select_items_aliases_casts_paths_and_embeds() -> None:
    items = parse_select('id, n:name::text, data->a->>"b c", w:authors!author_id!inner(name, m:mentor_id())')
    assert items[0] == Field(Column("id"))
    assert items[1] == Field(Column("name"), "n", "text")
    assert items[2] == Field(Column("data", (PathStep("->", "a"), PathStep("->>", "b c"))))
    assert items[2].label == "b c"
    assert items[3] == Embed(
        "authors", (Field(Column("name")), Embed("mentor_id", (), "m")), "w", "author_id", True
    )


@pytest.mark.parametrize("bad", ["id,", "a(b", "x::int;drop", '"open', "...spread(id)", "count()"])
def test_malformed_selects_are_refused(bad: str) -> None:
    for _ in range(2):  # parsed results are remembered; refusals must come again
        with pytest.raises(RestError) as refused:
            parse_select(bad)
        assert refused.value.status == 400


def test_in_lists_become_quoted_array_literals() -> None:
    assert in_list('(1,"a,b",c\\"d,"e\\"f")', "in") == '{"1","a,b","c\\\\\\"d","e\\"f"}'
    assert in_list("()", "in") == "{}"


def test_split_respects_quotes_parentheses_and_braces() -> None:
    assert split_top_level('a.eq.1,and(b.gt.2,c.lt.3),d.cs.{x,y},e.eq."p,q"') == [
        "a.eq.1",
        "and(b.gt.2,c.lt.3)",
        "d.cs.{x,y}",
        'e.eq."p,q"',
    ]


def test_order_terms_with_nulls_and_embedded_columns() -> None:
    assert parse_order("a.desc.nullslast,author(name),b") == (
        OrderTerm(Column("a"), True, "last"),
        OrderTerm(Column("name"), relation="author"),
        OrderTerm(Column("b")),
    )


def test_values_are_moved_out_so_equal_shapes_share_a_tree() -> None:
    first = parse_query([("select", "id"), ("id", "eq.1"), ("or", "(a.gt.2,b.not.is.null)")])
    second = parse_query([("select", "id"), ("id", "eq.999"), ("or", "(a.gt.5,b.not.is.null)")])
    assert first.query == second.query
    assert list(first.values) == ["1", "2"]
    root = first.query.at(())
    assert root.filters[0] == Condition(Column("id"), "eq", Param(0))
    assert root.filters[1] == Logic(
        "or", (Condition(Column("a"), "gt", Param(1)), Condition(Column("b"), "is", "null", negated=True))
    )


def test_embedded_clauses_need_the_embed_in_select() -> None:
    parsed = parse_query([("select", "id,books(id)"), ("books.order", "id.desc"), ("books.limit", "2")])
    books = parsed.query.at(("books",))
    assert (books.order, parsed.values[books.limit.index]) == ((OrderTerm(Column("id"), True),), 2)
    with pytest.raises(RestError) as refused:
        parse_query([("select", "id"), ("books.title", "eq.x")])
    assert refused.value.code == "PGRST108"


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("id", "zz.1", "PGRST100"),
        ("id", "is.maybe", "PGRST100"),
        ("limit", "-1", "PGRST100"),
        ("or", "a.eq.1", "PGRST100"),
    ],
)
def test_bad_filters_and_parameters(key: str, value: str, code: str) -> None:
    with pytest.raises(RestError) as refused:
        parse_query([(key, value)])
    assert refused.value.code == code
