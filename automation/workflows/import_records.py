"""The lead_imports row of an import: created, progress committed as it runs, then completed or failed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

CREATE = """
insert into public.lead_imports (file_path, original_filename, status, created_by, started_at)
values (%s, %s, 'importing', %s, now())
returning id::text
"""
FINISH = """
update public.lead_imports
   set status = %(status)s, error_report_path = %(report)s, column_mapping = %(mapping)s,
       rows_read = %(read)s, rows_inserted = %(inserted)s, rows_merged = %(merged)s,
       rows_rejected = %(rejected)s, finished_at = now()
 where id = %(import_id)s
"""
FAIL = """
update public.lead_imports set status = 'failed', error_message = %s, finished_at = now() where id = %s
"""


def create_import(
    conn: psycopg.Connection, file_path: str, filename: str, created_by: str | None = None
) -> str:
    """A new import (status 'importing') of the file at `file_path`; returns its id."""
    row = conn.cursor(row_factory=dict_row).execute(CREATE, (file_path, filename, created_by)).fetchone()
    return row["id"]  # type: ignore[index]


def complete(conn: psycopg.Connection, counts: Mapping[str, Any]) -> None:
    """In the import's own transaction: the final counts (import_id, mapping, read, inserted, ..., report)."""
    conn.execute(FINISH, {**counts, "status": "completed", "mapping": Jsonb(counts["mapping"])})


def record_preview(pool: ConnectionPool, counts: Mapping[str, Any]) -> None:
    """A dry run leaves its mapping and counts on the row (status 'previewed') and nothing else."""
    values = {**counts, "status": "previewed", "report": None, "mapping": Jsonb(counts["mapping"])}
    with pool.connection() as conn:
        conn.execute(FINISH, values)


def record_progress(pool: ConnectionPool, import_id: str, rows_read: int) -> None:
    """Commit the rows read so far, so the import page (Realtime) follows the import while it runs."""
    with pool.connection() as conn:
        conn.execute("update public.lead_imports set rows_read = %s where id = %s", (rows_read, import_id))


def mark_failed(pool: ConnectionPool, import_id: str, reason: str) -> None:
    with pool.connection() as conn:
        conn.execute(FAIL, (reason[:2000], import_id))
