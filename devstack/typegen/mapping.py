"""Postgres types to TypeScript types, as the Supabase CLI maps them."""

from __future__ import annotations

from devstack.typegen.catalog import PgType

NUMBERS = frozenset({"int2", "int4", "int8", "float4", "float8", "numeric", "oid"})
STRINGS = frozenset(
    {
        "bytea",
        "bpchar",
        "varchar",
        "date",
        "text",
        "citext",
        "time",
        "timetz",
        "timestamp",
        "timestamptz",
        "uuid",
        "vector",
        "name",
        "interval",
        "inet",
        "cidr",
        "macaddr",
        "tsvector",
        "char",
    }
)
NAMED = {
    "bool": "boolean",
    "json": "Json",
    "jsonb": "Json",
    "void": "undefined",
    "record": "Record<string, unknown>",
}


def ts_type(pg: PgType, schema: str = "public") -> str:
    """The TypeScript type of a value of `pg`; `unknown` for types the CLI does not know either."""
    if pg.element:
        element = ts_type(PgType(pg.element, pg.element_kind), schema)
        return f"({element})[]" if " " in element else f"{element}[]"
    if pg.kind == "e":
        return f'Database["{schema}"]["Enums"]["{pg.name}"]'
    if pg.kind == "c":
        return f'Database["{schema}"]["CompositeTypes"]["{pg.name}"]'
    return _base_type(pg.name)


def _base_type(name: str) -> str:
    if name in NUMBERS:
        return "number"
    if name in STRINGS:
        return "string"
    return NAMED.get(name, "unknown")
