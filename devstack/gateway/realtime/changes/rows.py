"""The SQL side of a batch: a table's columns and privileges, typed rows and filter verdicts, RLS lookups."""

from __future__ import annotations

import json
import logging
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


@dataclass(frozen=True)
class TableInfo:
    """Columns in order with their `pg_type.typname`, which of them each role may select, and RLS."""

    columns: list[tuple[str, str]]
    selectable: dict[str, frozenset[str]]
    rls: bool


async def prepare(conn: AsyncConnection) -> None:
    """Create the session's RLS lookup function (it lives in pg_temp and dies with the connection)."""
    await conn.execute(VISIBILITY_SQL)


async def describe(conn: AsyncConnection, schema: str, table: str, roles: list[str]) -> TableInfo:
    cursor = await conn.execute(DESCRIBE, {"roles": roles, "schema": schema, "table": table})
    rows = await cursor.fetchall()
    selectable = {
        role: frozenset(name for name, _type, _rls, allowed in rows if allowed[index])
        for index, role in enumerate(roles)
    }
    columns = [(name, typname) for name, typname, _rls, _allowed in rows]
    return TableInfo(columns, selectable, bool(rows and rows[0][2]))


def _table(schema: str, table: str) -> sql.Composed:
    return sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table))


async def typed_rows(
    conn: AsyncConnection, schema: str, table: str, images: list[dict[str, Any]], filters: list[Filter]
) -> list[tuple[dict[str, Any], list[bool]]]:
    """Each row image as JSON typed by its columns (`to_jsonb`), with every filter's verdict on it.

    Filters compare in SQL with the column's own type, as Realtime's do.
    """
    verdicts = sql.SQL(", ").join(
        sql.SQL("coalesce(p.{} {} (%s), false)").format(sql.Identifier(f.column), sql.SQL(f.sql_operator))
        for f in filters
    )
    query = sql.SQL(
        "select to_jsonb(p), array[{}]::bool[] from jsonb_array_elements(%s) with ordinality e(v, n),"
        " jsonb_populate_record(null::{}, e.v) p order by e.n"
    ).format(verdicts, _table(schema, table))
    cursor = await conn.execute(query, [*(f.value for f in filters), Jsonb(images)])
    return [(record, list(flags)) for record, flags in await cursor.fetchall()]


async def readable(
    conn: AsyncConnection,
    *,
    schema: str,
    table: str,
    pk: list[str],
    images: list[dict[str, Any]],
    groups: list[dict[str, Any]],
) -> list[set[int]]:
    """For each group (`role`, `claims`), the 0-based indexes of `images` it may read under RLS."""
    cursor = await conn.execute(
        "select grp, n, error from pg_temp.devstack_realtime_visible(%s::regclass, %s, %s, %s)",
        (_table(schema, table).as_string(conn), pk, Jsonb(images), Jsonb(groups)),
    )
    seen: list[set[int]] = [set() for _ in groups]
    for group, index, error in await cursor.fetchall():
        if error is not None:
            log.warning("realtime: RLS check on %s.%s failed for role %s: %s", schema, table,
                        groups[group - 1]["role"], error)  # fmt: skip
            seen[group - 1] = set()
            continue
        seen[group - 1].add(index - 1)
    return seen


def claims_key(claims: dict[str, Any]) -> str:
    """Subscribers with equal claims share one RLS lookup."""
    return json.dumps(claims, sort_keys=True)
