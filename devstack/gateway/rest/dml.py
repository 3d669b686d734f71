"""SQL of POST (insert, upsert), PATCH, PUT and DELETE; the body is one bound JSON array parameter."""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql

from devstack.gateway.rest.errors import RestError
from devstack.gateway.rest.planner import ReadCompiler
from devstack.gateway.rest.schema_cache import Snapshot, Table
from devstack.gateway.rest.sql_filters import Statics
from devstack.gateway.rest.statements import Output, Plan, page_select, render, wrap
from devstack.gateway.rest.syntax import Query

BODY = sql.Placeholder("body")


@dataclass(frozen=True)
class Mutation:
    """The shape of a write: which statement, on which columns, with which preferences."""

    action: str  # insert | update | delete
    columns: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    resolution: str | None = None  # merge-duplicates | ignore-duplicates
    missing_default: bool = False
    returning: bool = False


def check_columns(table: Table, columns: tuple[str, ...]) -> None:
    """PGRST204 for a payload or `columns` name the table does not have."""
    for name in columns:
        if name not in table.columns:
            raise RestError(
                400, "PGRST204", f"Could not find the '{name}' column of '{table.name}' in the schema cache"
            )


def _row_type(table: Table) -> sql.Composable:
    return sql.SQL("null::{}").format(sql.Identifier(table.schema, table.name))


def _defaulted_value(table: Table, name: str, statics: Statics) -> sql.Composable:
    """A column's value under `missing=default`: the payload's, or the column default when absent."""
    column = table.columns[name]
    value = sql.SQL("(json_populate_record({}, _e.o))").format(_row_type(table))
    if column.identity and column.sequence:
        default: sql.Composable = sql.SQL("nextval({}::regclass)").format(statics.add(column.sequence))
    else:
        # The default expression is the catalog's own SQL (pg_get_expr), not request input.
        default = sql.SQL(column.default or "null")
    return sql.SQL("case when (_e.o::jsonb) ? {} then {}.{} else {} end").format(
        statics.add(name), value, sql.Identifier(name), default
    )


def _insert(table: Table, mutation: Mutation, statics: Statics) -> sql.Composable:
    target = sql.Identifier(table.schema, table.name)
    names = sql.SQL(", ").join(map(sql.Identifier, mutation.columns))
    if mutation.missing_default:
        values = sql.SQL(", ").join(_defaulted_value(table, c, statics) for c in mutation.columns)
        rows = sql.SQL("select {} from json_array_elements({}::json) as _e(o)").format(values, BODY)
    else:
        rows = sql.SQL("select {} from json_populate_recordset({}, {}::json) _").format(
            names, _row_type(table), BODY
        )
    statement = sql.SQL("insert into {} as {} ({}) {}").format(
        target, sql.Identifier(table.name), names, rows
    )
    return statement + _on_conflict(table, mutation)


def _on_conflict(table: Table, mutation: Mutation) -> sql.Composable:
    if mutation.resolution is None:
        return sql.SQL("")
    conflict = mutation.conflict or table.primary_key
    if not conflict:
        raise RestError(
            400, "PGRST100", f"An upsert on '{table.name}' needs on_conflict: it has no primary key"
        )
    target = sql.SQL(", ").join(map(sql.Identifier, conflict))
    if mutation.resolution == "ignore-duplicates":
        return sql.SQL(" on conflict ({}) do nothing").format(target)
    updates = sql.SQL(", ").join(
        sql.SQL("{} = excluded.{}").format(sql.Identifier(c), sql.Identifier(c)) for c in mutation.columns
    )
    return sql.SQL(" on conflict ({}) do update set {}").format(target, updates)


def _update(table: Table, mutation: Mutation, where: list[sql.Composable]) -> sql.Composable:
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = _b.{}").format(sql.Identifier(c), sql.Identifier(c)) for c in mutation.columns
    )
    statement = sql.SQL(
        "update {} as {} set {} from (select * from json_populate_record({}, {}::json -> 0)) _b"
    ).format(
        sql.Identifier(table.schema, table.name),
        sql.Identifier(table.name),
        assignments,
        _row_type(table),
        BODY,
    )
    return statement + _where(where)


def _delete(table: Table, where: list[sql.Composable]) -> sql.Composable:
    statement = sql.SQL("delete from {} as {}").format(
        sql.Identifier(table.schema, table.name), sql.Identifier(table.name)
    )
    return statement + _where(where)


def _where(where: list[sql.Composable]) -> sql.Composable:
    return sql.SQL(" where {}").format(sql.SQL(" and ").join(where)) if where else sql.SQL("")


def plan_mutation(
    snapshot: Snapshot, table: Table, query: Query, mutation: Mutation, *, count: str | None, output: Output
) -> Plan:
    """The statement of a write; without `returning` it is the bare DML (so RLS read policies stay out)."""
    statics = Statics()
    compiler = ReadCompiler(snapshot, query, statics, root_columns=tuple(table.columns))
    if mutation.action == "insert":
        dml = _insert(table, mutation, statics)
    elif mutation.action == "update":
        dml = _update(table, mutation, compiler.root_conditions(table.name))
    else:
        dml = _delete(table, compiler.root_conditions(table.name))
    if not mutation.returning and count is None:
        return Plan(render(dml), statics.values, wrapped=False)
    returned = sql.SQL(" returning {}.*, ({}.xmax = 0) as pgrst_inserted").format(
        sql.Identifier(table.name), sql.Identifier(table.name)
    )
    source = sql.SQL("pgrst_mutation as {}").format(sql.Identifier(table.name))
    if mutation.returning:
        rows = page_select(compiler, table, table.name, source, max_rows=None, filtered=False)
    else:
        rows = sql.SQL("select 1 from pgrst_mutation")
    total = sql.SQL("(select pg_catalog.count(*) from pgrst_mutation)")
    inserted = sql.SQL("(select pg_catalog.count(*) from pgrst_mutation where pgrst_inserted)")
    statement = wrap([("pgrst_mutation", dml + returned), ("pgrst_source", rows)], total, output, inserted)
    return Plan(render(statement), statics.values)
