"""What PostgREST keeps in its schema cache: tables, views, columns, keys, foreign keys, functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from psycopg import AsyncConnection

TABLES = """
select n.nspname, c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod),
       pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '', a.attgenerated <> '', a.attnotnull,
       (select quote_ident(sn.nspname) || '.' || quote_ident(s.relname)
        from pg_depend dep
        join pg_class s on s.oid = dep.objid and s.relkind = 'S'
        join pg_namespace sn on sn.oid = s.relnamespace
        where dep.refobjid = c.oid and dep.refobjsubid = a.attnum and dep.deptype in ('a', 'i'))
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
where n.nspname = any(%(schemas)s) and c.relkind in ('r', 'v', 'm', 'f', 'p')
order by n.nspname, c.relname, a.attnum
"""

PRIMARY_KEYS = """
select n.nspname, c.relname,
       array(select a.attname from unnest(k.conkey) with ordinality u(num, i)
             join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.num order by u.i)
from pg_constraint k
join pg_class c on c.oid = k.conrelid
join pg_namespace n on n.oid = c.relnamespace
where k.contype = 'p' and n.nspname = any(%(schemas)s)
"""

FOREIGN_KEYS = """
select k.conname, n.nspname, c.relname,
       array(select a.attname from unnest(k.conkey) with ordinality u(num, i)
             join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.num order by u.i),
       fn.nspname, f.relname,
       array(select a.attname from unnest(k.confkey) with ordinality u(num, i)
             join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.num order by u.i)
from pg_constraint k
join pg_class c on c.oid = k.conrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_class f on f.oid = k.confrelid
join pg_namespace fn on fn.oid = f.relnamespace
where k.contype = 'f' and n.nspname = any(%(schemas)s) and fn.nspname = any(%(schemas)s)
order by k.conname
"""

FUNCTIONS = """
select n.nspname, p.proname, p.provolatile, p.proretset, p.pronargdefaults,
       coalesce(p.proargnames, '{}'), coalesce(p.proargmodes::text[], '{}'),
       array(select format_type(t, null)
             from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality u(t, i)
             order by i),
       format_type(p.prorettype, null), rt.typtype, rn.nspname, rc.relname
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type rt on rt.oid = p.prorettype
left join pg_class rc on rc.oid = rt.typrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any(%(schemas)s) and p.prokind = 'f'
"""


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str
    default: str | None
    identity: bool
    generated: bool
    not_null: bool
    sequence: str | None

    @property
    def required(self) -> bool:
        """A value must be given on insert: NOT NULL and nothing fills it in."""
        return self.not_null and self.default is None and not self.identity and not self.generated


@dataclass(eq=False)
class Table:
    schema: str
    name: str
    kind: str
    columns: dict[str, ColumnInfo] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.schema, self.name)


@dataclass(frozen=True)
class ForeignKey:
    name: str
    table: tuple[str, str]
    columns: tuple[str, ...]
    target: tuple[str, str]
    target_columns: tuple[str, ...]


@dataclass(frozen=True)
class Argument:
    name: str
    type: str
    has_default: bool


@dataclass(eq=False)
class Function:
    schema: str
    name: str
    volatility: str
    returns_set: bool
    arguments: tuple[Argument, ...]
    return_type: str
    return_kind: str  # scalar | composite | void
    return_table: tuple[str, str] | None

    @property
    def single_json_argument(self) -> bool:
        """One unnamed json/jsonb parameter: it receives the whole request body."""
        return (
            len(self.arguments) == 1
            and not self.arguments[0].name
            and self.arguments[0].type
            in (
                "json",
                "jsonb",
            )
        )


@dataclass(eq=False)
class Snapshot:
    """One consistent reading of the catalog; plans cached on it die with it."""

    tables: dict[tuple[str, str], Table]
    foreign_keys: tuple[ForeignKey, ...]
    functions: dict[tuple[str, str], list[Function]]
    plans: dict[Any, Any] = field(default_factory=dict)


async def load_snapshot(conn: AsyncConnection, schemas: tuple[str, ...]) -> Snapshot:
    """Read the catalog for the exposed schemas."""
    params = {"schemas": list(schemas)}
    tables: dict[tuple[str, str], Table] = {}
    for schema, name, kind, column, *details in await _rows(conn, TABLES, params):
        table = tables.setdefault((schema, name), Table(schema, name, kind))
        table.columns[column] = ColumnInfo(column, *details)
    for schema, name, columns in await _rows(conn, PRIMARY_KEYS, params):
        if (schema, name) in tables:
            tables[(schema, name)].primary_key = tuple(columns)
    foreign_keys = tuple(
        ForeignKey(name, (schema, table), tuple(cols), (fschema, ftable), tuple(fcols))
        for name, schema, table, cols, fschema, ftable, fcols in await _rows(conn, FOREIGN_KEYS, params)
    )
    functions: dict[tuple[str, str], list[Function]] = {}
    for row in await _rows(conn, FUNCTIONS, params):
        function = _function(row)
        functions.setdefault((function.schema, function.name), []).append(function)
    return Snapshot(tables, foreign_keys, functions)


async def _rows(conn: AsyncConnection, query: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    cursor = await conn.execute(query, params)
    return await cursor.fetchall()


def _function(row: tuple[Any, ...]) -> Function:
    schema, name, volatility, returns_set, n_defaults, names, modes, types, rettype, typtype, *table = row
    modes = modes or ["i"] * len(types)
    return Function(
        schema,
        name,
        volatility,
        returns_set,
        _arguments(names, modes, types, n_defaults),
        rettype,
        _return_kind(rettype, typtype, modes),
        (table[0], table[1]) if table[1] else None,
    )


def _arguments(names: list[str], modes: list[str], types: list[str], n_defaults: int) -> tuple[Argument, ...]:
    """Input parameters in order; the last `n_defaults` of them have defaults."""
    inputs = [
        (names[i] if i < len(names) else "", types[i]) for i, m in enumerate(modes) if m in ("i", "b", "v")
    ]
    first_default = len(inputs) - n_defaults
    return tuple(Argument(arg, type_, index >= first_default) for index, (arg, type_) in enumerate(inputs))


def _return_kind(rettype: str, typtype: str, modes: list[str]) -> str:
    """void, composite (a row type, or OUT/TABLE columns) or scalar."""
    if rettype == "void":
        return "void"
    if typtype == "c" or (rettype == "record" and any(m in ("o", "b", "t") for m in modes)):
        return "composite"
    return "scalar"
