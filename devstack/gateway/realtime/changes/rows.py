"""The SQL side of a batch: a table's columns and privileges, typed rows and filter verdicts, RLS lookups.

Each is a Lookup (a query and how to read its rows); a batch sends its lookups together in one
round trip (`run_together`), since on a busy machine every round trip waits for the scheduler.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psycopg import AsyncConnection, sql
from psycopg.types.json import Jsonb

from devstack.gateway.realtime.bindings import Filter

log = logging.getLogger(__name__)
VISIBILITY_SQL = (Path(__file__).parent / "visibility.sql").read_text()
DESCRIBE = """
select a.attname, t.typname, c.relrowsecurity,
       array(select has_column_privilege(r, c.oid, a.attnum, 'SELECT') from unnest(%(roles)s::text[]) r)
  from pg_class c
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  join pg_type t on t.oid = a.atttypid
 where c.oid = to_regclass(format('%%I.%%I', %(schema)s::text, %(table)s::text))
 order by a.attnum
"""
READABLE = """
select grp, n, error
  from pg_temp.devstack_realtime_visible(format('%%I.%%I', %s::text, %s::text)::regclass, %s, %s, %s)
"""


@dataclass(frozen=True)
class TableInfo:
    """Columns in order with their `pg_type.typname`, which of them each role may select, and RLS."""

    columns: list[tuple[str, str]]
    selectable: dict[str, frozenset[str]]
    rls: bool


@dataclass(frozen=True)
class Lookup:
    """A query and the reading of its result rows."""

    query: sql.Composed | sql.SQL | str
    params: Sequence[Any] | dict[str, Any]
    read: Callable[[list[tuple[Any, ...]]], Any]


async def run_together(conn: AsyncConnection, lookups: Sequence[Lookup]) -> list[Any]:
    """Every lookup's result, in order; the queries are pipelined and synced once."""
    async with conn.pipeline() as pipeline:
        cursors = [await conn.execute(lookup.query, lookup.params) for lookup in lookups]
        await pipeline.sync()
        return [lookup.read(await cursor.fetchall()) for lookup, cursor in zip(lookups, cursors, strict=True)]


async def prepare(conn: AsyncConnection) -> None:
    """Create the session's RLS lookup function (it lives in pg_temp and dies with the connection)."""
    await conn.execute(VISIBILITY_SQL)


def describe(schema: str, table: str, roles: list[str]) -> Lookup:
    """Reads as TableInfo (no columns when the table is gone)."""

    def read(rows: list[tuple[Any, ...]]) -> TableInfo:
        selectable = {
            role: frozenset(name for name, _type, _rls, allowed in rows if allowed[index])
            for index, role in enumerate(roles)
        }
        columns = [(name, typname) for name, typname, _rls, _allowed in rows]
        return TableInfo(columns, selectable, bool(rows and rows[0][2]))

    return Lookup(DESCRIBE, {"roles": roles, "schema": schema, "table": table}, read)


def typed_rows(schema: str, table: str, images: list[dict[str, Any]], filters: list[Filter]) -> Lookup:
    """Reads as each row image typed by its columns (`to_jsonb`), with every filter's verdict on it.

    Filters compare in SQL with the column's own type, as Realtime's do.
    """
    verdicts = sql.SQL(", ").join(
        sql.SQL("coalesce(p.{} {} (%s), false)").format(sql.Identifier(f.column), sql.SQL(f.sql_operator))
        for f in filters
    )
    query = sql.SQL(
        "select to_jsonb(p), array[{}]::bool[] from jsonb_array_elements(%s) with ordinality e(v, n),"
        " jsonb_populate_record(null::{}.{}, e.v) p order by e.n"
    ).format(verdicts, sql.Identifier(schema), sql.Identifier(table))
    params = [*(f.value for f in filters), Jsonb(images)]
    return Lookup(query, params, lambda rows: [(record, list(flags)) for record, flags in rows])


def readable(
    schema: str, table: str, pk: list[str], images: list[dict[str, Any]], groups: list[dict[str, Any]]
) -> Lookup:
    """Reads as, for each group (`role`, `claims`), the 0-based indexes of `images` it may read under
    RLS; nothing for any group when the table has no RLS."""

    def read(rows: list[tuple[Any, ...]]) -> list[set[int]]:
        seen: list[set[int]] = [set() for _ in groups]
        for group, index, error in rows:
            if error is not None:
                log.warning("realtime: RLS check on %s.%s failed for role %s: %s", schema, table,
                            groups[group - 1]["role"], error)  # fmt: skip
                seen[group - 1] = set()
                continue
            seen[group - 1].add(index - 1)
        return seen

    return Lookup(READABLE, (schema, table, pk, Jsonb(images), Jsonb(groups)), read)


def claims_key(claims: dict[str, Any]) -> str:
    """Subscribers with equal claims share one RLS lookup."""
    return json.dumps(claims, sort_keys=True)
