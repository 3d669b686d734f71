"""Reads the tables, views, functions, enums and composite types of one schema from the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg
from psycopg.sql import SQL

# A type as the mapping needs it: its name, kind (b base, e enum, c composite, p pseudo),
# and for arrays the element's name and kind. Domains are read through to their base type.
TYPE_FIELDS = """
  coalesce(nullif(b.typname, ''), t.typname), coalesce(b.typtype, t.typtype),
  coalesce(e.typname, ''), coalesce(e.typtype, '')
"""
TYPE_JOINS = """
  left join pg_type b on b.oid = case when t.typtype = 'd' then t.typbasetype end
  left join pg_type e
    on e.oid = coalesce(b.typelem, t.typelem) and coalesce(b.typcategory, t.typcategory) = 'A'
"""

COLUMNS = SQL("""
select c.relname, c.relkind, pg_relation_is_updatable(c.oid, false), a.attname,
  a.attnotnull, d.oid is not null or a.attidentity <> '' or a.attgenerated <> '',
  a.attidentity = 'a' or a.attgenerated <> '', {type_fields}
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
join pg_type t on t.oid = a.atttypid
{type_joins}
left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
where n.nspname = %(schema)s and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')
  and not exists (select from pg_depend x where x.objid = c.oid and x.deptype = 'e')
""").format(type_fields=SQL(TYPE_FIELDS), type_joins=SQL(TYPE_JOINS))

FOREIGN_KEYS = """
select k.conname, c.relname, f.relname,
  array(select a.attname from unnest(k.conkey) with ordinality u(num, i)
        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.num order by u.i),
  array(select a.attname from unnest(k.confkey) with ordinality u(num, i)
        join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.num order by u.i),
  exists (select from pg_constraint q where q.conrelid = k.conrelid and q.contype in ('p', 'u')
          and (select array_agg(x order by x) from unnest(q.conkey) x)
            = (select array_agg(x order by x) from unnest(k.conkey) x))
from pg_constraint k
join pg_class c on c.oid = k.conrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_class f on f.oid = k.confrelid
where k.contype = 'f' and n.nspname = %(schema)s
"""

ENUMS = """
select t.typname, array_agg(e.enumlabel order by e.enumsortorder)
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
join pg_enum e on e.enumtypid = t.oid
where n.nspname = %(schema)s
group by t.typname
"""

# One row per argument (input and output) of each function; functions without any give one row
# of nulls. Trigger functions and those an extension installed are not callable through the API.
FUNCTION_ARGUMENTS = SQL("""
select p.oid, p.proname, p.proretset, p.pronargs, p.pronargdefaults, u.i, u.name, u.mode,
  {type_fields}
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type r on r.oid = p.prorettype
left join lateral unnest(
    coalesce(p.proallargtypes, p.proargtypes::oid[]),
    coalesce(p.proargnames,
             array_fill(''::text, array[cardinality(coalesce(p.proallargtypes, p.proargtypes::oid[]))])),
    coalesce(p.proargmodes::text[], array_fill('i'::text, array[cardinality(p.proargtypes::oid[])]))
  ) with ordinality u(type, name, mode, i) on true
left join pg_type t on t.oid = u.type
{type_joins}
where n.nspname = %(schema)s and p.prokind = 'f' and r.typname not in ('trigger', 'event_trigger')
  and not exists (select from pg_depend x where x.objid = p.oid and x.deptype = 'e')
order by p.proname, p.oid, u.i
""").format(type_fields=SQL(TYPE_FIELDS), type_joins=SQL(TYPE_JOINS))

FUNCTION_RETURNS = SQL("""
select p.oid, rc.relname, {type_fields}
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type t on t.oid = p.prorettype
{type_joins}
left join pg_class rc on rc.oid = t.typrelid
where n.nspname = %(schema)s and p.prokind = 'f'
""").format(type_fields=SQL(TYPE_FIELDS), type_joins=SQL(TYPE_JOINS))


@dataclass(frozen=True)
class PgType:
    name: str
    kind: str
    element: str = ""
    element_kind: str = ""


@dataclass(frozen=True)
class Column:
    name: str
    type: PgType
    nullable: bool
    has_default: bool
    never_written: bool


@dataclass
class Relation:
    name: str
    kind: str
    updatable: bool
    columns: list[Column] = field(default_factory=list)


@dataclass(frozen=True)
class ForeignKey:
    name: str
    table: str
    target: str
    columns: tuple[str, ...]
    target_columns: tuple[str, ...]
    one_to_one: bool


@dataclass(frozen=True)
class Argument:
    name: str
    type: PgType
    has_default: bool


@dataclass
class Function:
    name: str
    returns_set: bool
    arguments: list[Argument] = field(default_factory=list)
    out_columns: list[Argument] = field(default_factory=list)
    return_type: PgType = PgType("void", "p")
    return_relation: str | None = None


@dataclass
class Schema:
    relations: dict[str, Relation]
    foreign_keys: list[ForeignKey]
    enums: dict[str, list[str]]
    functions: list[Function]


def read_schema(conn: psycopg.Connection, schema: str = "public") -> Schema:
    """One reading of `schema`; raises psycopg errors as they come."""
    params = {"schema": schema}
    return Schema(
        _relations(conn, params),
        [
            ForeignKey(n, t, f, tuple(c), tuple(fc), o)
            for n, t, f, c, fc, o in conn.execute(FOREIGN_KEYS, params)
        ],
        {name: list(labels) for name, labels in conn.execute(ENUMS, params)},
        _functions(conn, params),
    )


def _relations(conn: psycopg.Connection, params: dict[str, str]) -> dict[str, Relation]:
    relations: dict[str, Relation] = {}
    for table, kind, updatable, name, not_null, has_default, never, *type_fields in conn.execute(
        COLUMNS, params
    ):
        relation = relations.setdefault(table, Relation(table, kind, (updatable & 12) == 12))
        relation.columns.append(Column(name, PgType(*type_fields), not not_null, has_default, never))
    return relations


def _functions(conn: psycopg.Connection, params: dict[str, str]) -> list[Function]:
    functions: dict[int, Function] = {}
    for oid, name, returns_set, n_inputs, n_defaults, index, arg, mode, *type_fields in conn.execute(
        FUNCTION_ARGUMENTS, params
    ):
        function = functions.setdefault(oid, Function(name, returns_set))
        if index is None:
            continue
        if mode in ("o", "t"):
            function.out_columns.append(Argument(arg, PgType(*type_fields), False))
        else:
            has_default = len(function.arguments) >= n_inputs - n_defaults
            function.arguments.append(Argument(arg, PgType(*type_fields), has_default))
    for oid, relation, *type_fields in conn.execute(FUNCTION_RETURNS, params):
        if oid in functions:
            functions[oid].return_type = PgType(*type_fields)
            functions[oid].return_relation = relation
    return list(functions.values())
