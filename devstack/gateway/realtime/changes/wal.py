"""The gateway's one replication slot: a temporary wal2json slot read with pg_logical_slot_get_changes.

A temporary slot belongs to the connection that made it, so PostgreSQL drops it when the gateway
stops or crashes: no slot outlives the process (see docs/decisions/0700-realtime-wal-polling.md).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from psycopg import AsyncConnection

PUBLICATION = "supabase_realtime"
BASE_OPTIONS = [
    "format-version", "2",
    "include-pk", "true",
    "include-timestamp", "true",
    "include-type-oids", "true",
    "include-transaction", "false",
]  # fmt: skip
ACTIONS = {"I": "INSERT", "U": "UPDATE", "D": "DELETE"}
# How far the WAL is flushed, and what the publication covers: one cheap round trip per idle poll.
PROBE = """
select pg_current_wal_flush_lsn()::text, p.pubinsert, p.pubupdate, p.pubdelete,
       coalesce((select array_agg(t.schemaname || '.' || t.tablename) from pg_publication_tables t
                  where t.pubname = p.pubname), '{}')
  from (select) as one left join pg_publication p on p.pubname = %s
"""
# Decoding stops at the probed position, so the options always match the WAL they decode.
GET_CHANGES = "select data from pg_logical_slot_get_changes(%s, %s::pg_lsn, %s, variadic %s::text[])"


@dataclass
class Change:
    """One row change of a published table, with values as wal2json printed them."""

    schema: str
    table: str
    action: str
    commit_timestamp: str
    new: dict[str, Any] = field(default_factory=dict)
    old: dict[str, Any] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    pk: list[str] = field(default_factory=list)
    size: int = 0


def commit_timestamp(text: str) -> str:
    """wal2json's commit time as Realtime prints it: UTC, milliseconds, `Z`."""
    moment = datetime.fromisoformat(text).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _values(columns: list[dict[str, Any]]) -> dict[str, Any]:
    """Column values; json/jsonb arrive as text and are parsed so they stay JSON."""
    return {c["name"]: json.loads(c["value"]) if c["type"] in ("json", "jsonb") and c["value"] is not None
            else c["value"] for c in columns}  # fmt: skip


def parse_change(data: str) -> Change:
    raw = json.loads(data, parse_float=str)  # numerics keep every digit
    columns, identity = raw.get("columns", []), raw.get("identity", [])
    return Change(
        schema=raw["schema"],
        table=raw["table"],
        action=ACTIONS[raw["action"]],
        commit_timestamp=commit_timestamp(raw["timestamp"]),
        new=_values(columns),
        old=_values(identity),
        types={c["name"]: c["type"] for c in [*identity, *columns]},
        pk=[c["name"] for c in raw.get("pk", [])],
        size=len(data),
    )


def _escaped(name: str) -> str:
    """wal2json's table-list syntax escapes these characters with a backslash."""
    return "".join("\\" + ch if ch in " ',.*\\" else ch for ch in name)


def decoding_options(row: tuple[bool, bool, bool, list[str]] | tuple[None, ...]) -> list[str]:
    """Restrict decoding to the publication's tables and actions (nothing at all when it has none)."""
    if row[0] is None or not row[3]:
        return [*BASE_OPTIONS, "filter-tables", "*.*"]
    actions = [name for name, on in zip(("insert", "update", "delete"), row[:3], strict=True) if on]
    tables = [".".join(_escaped(part) for part in table.split(".", 1)) for table in row[3]]
    return [*BASE_OPTIONS, "add-tables", ",".join(tables), "actions", ",".join(actions) or "truncate"]


class WalSlot:
    """Owns the connection holding the temporary slot; one reader at a time."""

    def __init__(self, conn: AsyncConnection, name: str) -> None:
        self.conn = conn
        self.name = name
        self.read_upto = ""  # the flushed WAL position everything before which has been taken

    @classmethod
    async def create(cls, db_url: str) -> WalSlot:
        """Connect and create the slot; waits for transactions running elsewhere to finish."""
        conn = await AsyncConnection.connect(db_url, autocommit=True, application_name="devstack realtime")
        name = "devstack_realtime_" + uuid.uuid4().hex[:16]
        await conn.execute("select pg_create_logical_replication_slot(%s, 'wal2json', true)", (name,))
        return cls(conn, name)

    async def take(self, limit: int) -> list[Change]:
        """Consume up to about `limit` changes of the publication's tables (whole transactions).

        Returns at once, without decoding, while no WAL was flushed since everything was taken.
        """
        probe = await (await self.conn.execute(PROBE, (PUBLICATION,))).fetchone()
        if probe is None or probe[0] == self.read_upto:
            return []
        flushed, *published = probe
        cursor = await self.conn.execute(
            GET_CHANGES, (self.name, flushed, limit, decoding_options(tuple(published)))
        )
        rows = await cursor.fetchall()
        if len(rows) < limit:  # otherwise more may wait before `flushed`
            self.read_upto = flushed
        return [parse_change(data) for (data,) in rows]

    async def close(self) -> None:
        """Closing the connection drops the temporary slot."""
        await self.conn.close()
