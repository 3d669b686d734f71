"""The gateway's one replication slot: a temporary wal2json slot read with pg_logical_slot_get_changes
(take.sql: one round trip per poll, decoding only when WAL was flushed since the last one).

A temporary slot belongs to the connection that made it, so PostgreSQL drops it when the gateway
stops or crashes: no slot outlives the process (see docs/decisions/0700-realtime-wal-polling.md).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from psycopg import AsyncConnection

PUBLICATION = "supabase_realtime"
ACTIONS = {"I": "INSERT", "U": "UPDATE", "D": "DELETE"}
TAKE_SQL = (Path(__file__).parent / "take.sql").read_text()
TAKE = "select flushed::text, data from pg_temp.devstack_realtime_take(%s, %s, %s::pg_lsn, %s)"


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
        await conn.execute(TAKE_SQL)
        return cls(conn, name)

    async def take(self, limit: int) -> list[Change]:
        """Consume up to about `limit` changes of the publication's tables (whole transactions).

        Returns at once, without decoding, while no WAL was flushed since everything was taken.
        """
        cursor = await self.conn.execute(TAKE, (self.name, PUBLICATION, self.read_upto or None, limit))
        rows = await cursor.fetchall()
        changes = [data for _flushed, data in rows if data is not None]
        if rows and len(changes) < limit:  # otherwise more may wait before the flushed position
            self.read_upto = rows[0][0]
        return [parse_change(data) for data in changes]

    async def close(self) -> None:
        """Closing the connection drops the temporary slot."""
        await self.conn.close()
