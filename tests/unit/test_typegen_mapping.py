"""Postgres to TypeScript type mapping and the rendered shape of the generated types."""

from __future__ import annotations

import pytest

from devstack.typegen.catalog import Argument, Column, ForeignKey, Function, PgType, Relation, Schema
from devstack.typegen.mapping import ts_type
from devstack.typegen.render import render


@pytest.mark.parametrize(
    ("pg", "ts"),
    [
        (PgType("bool", "b"), "boolean"),
        (PgType("int4", "b"), "number"),
        (PgType("int8", "b"), "number"),
        (PgType("numeric", "b"), "number"),
        (PgType("text", "b"), "string"),
        (PgType("uuid", "b"), "string"),
        (PgType("timestamptz", "b"), "string"),
        (PgType("date", "b"), "string"),
        (PgType("jsonb", "b"), "Json"),
        (PgType("void", "p"), "undefined"),
        (PgType("record", "p"), "Record<string, unknown>"),
        (PgType("point", "b"), "unknown"),
        (PgType("_text", "b", "text", "b"), "string[]"),
        (PgType("app_role", "e"), 'Database["public"]["Enums"]["app_role"]'),
        (PgType("_app_role", "b", "app_role", "e"), 'Database["public"]["Enums"]["app_role"][]'),
        (PgType("address", "c"), 'Database["public"]["CompositeTypes"]["address"]'),
    ],
)
def test_postgres_types_map_as_the_cli_maps_them(pg: PgType, ts: str) -> None:
    assert ts_type(pg) == ts


def _column(
    name: str, pg: str, *, nullable: bool = False, default: bool = False, never: bool = False
) -> Column:
    return Column(name, PgType(pg, "b"), nullable, default, never)


def _schema(**changes: object) -> Schema:
    courses = Relation(
        "courses",
        "r",
        True,
        [
            _column("title", "text"),
            _column("id", "uuid", default=True),
            _column("description", "text", nullable=True),
            _column("slug_lower", "text", default=True, never=True),
        ],
    )
    parts = {"relations": {"courses": courses}, "foreign_keys": [], "enums": {}, "functions": []}
    return Schema(**{**parts, **changes})


def _block(text: str, start: str) -> str:
    """The lines of `text` from the line `start` up to its closing brace at the same indentation."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() == start)
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    last = next(i for i in range(first + 1, len(lines)) if lines[i] == indent + "}")
    return "\n".join(line.strip() for line in lines[first + 1 : last])


def test_rows_list_columns_by_name_with_null_where_nullable() -> None:
    row = _block(render(_schema()), "Row: {")
    assert row.splitlines() == [
        "description: string | null",
        "id: string",
        "slug_lower: string",
        "title: string",
    ]


def test_insert_makes_defaults_and_nullable_optional_and_generated_never() -> None:
    insert = _block(render(_schema()), "Insert: {")
    assert insert.splitlines() == [
        "description?: string | null",
        "id?: string",
        "slug_lower?: never",
        "title: string",
    ]


def test_update_makes_every_column_optional() -> None:
    update = _block(render(_schema()), "Update: {")
    assert all("?:" in line for line in update.splitlines())


def test_relationships_name_the_foreign_key_and_its_cardinality() -> None:
    fk = ForeignKey("courses_owner_fkey", "courses", "profiles", ("owner",), ("id",), True)
    text = render(_schema(foreign_keys=[fk]))
    assert 'foreignKeyName: "courses_owner_fkey"' in text
    assert 'columns: ["owner"]' in text
    assert "isOneToOne: true" in text
    assert 'referencedRelation: "profiles"' in text


def test_enums_keep_their_declared_order() -> None:
    text = render(_schema(enums={"app_role": ["admin", "instructor", "student"]}))
    assert 'app_role: "admin" | "instructor" | "student"' in text


def test_functions_without_arguments_take_never_and_defaults_are_optional() -> None:
    stats = Function("get_stats", False, return_type=PgType("jsonb", "b"))
    funnel = Function(
        "get_funnel",
        True,
        [Argument("to_day", PgType("date", "b"), True), Argument("from_day", PgType("date", "b"), False)],
        [Argument("leads", PgType("int8", "b"), False)],
        PgType("record", "p"),
    )
    text = render(_schema(functions=[stats, funnel]))
    assert _block(text, "get_stats: {").splitlines() == ["Args: never", "Returns: Json"]
    funnel_block = _block(text, "get_funnel: {")
    assert "from_day: string\nto_day?: string" in funnel_block
    assert "leads: number\n}[]" in funnel_block


def test_functions_with_unnamed_arguments_are_left_out() -> None:
    text_argument = Argument("", PgType("text", "b"), False)
    unnamed = Function("lower_text", False, [text_argument], return_type=PgType("text", "b"))
    assert "lower_text" not in render(_schema(functions=[unnamed]))


def test_a_function_returning_table_rows_returns_their_row_shape() -> None:
    listing = Function("list_courses", True, return_type=PgType("courses", "c"), return_relation="courses")
    block = _block(render(_schema(functions=[listing])), "list_courses: {")
    assert "description: string | null" in block
    assert block.endswith("}[]")
