"""The lead_imports row of an import: created, progress committed as it runs, then completed or failed."""

from __future__ import annotations

import time
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
       rows_rejected = %(rejected)s, options = options || %(summary)s, finished_at = now(),
       job = null, claimed_at = null
 where id = %(import_id)s and status <> 'cancelled'
"""
# Taken in the import's transaction before the merge and held to its commit: a cancel then waits for
# the outcome instead of slipping in between the check and the completion.
LOCK = "select status::text as status from public.lead_imports where id = %s for no key update"
# A cancelled import stays cancelled when its run stops; a completed one (its leads are in) stays completed.
FAIL = """
update public.lead_imports
   set status = case when status in ('cancelled', 'completed') then status else 'failed' end,
       error_message = case when status in ('cancelled', 'completed') then error_message else %s end,
       finished_at = now(), job = null, claimed_at = null
 where id = %s
"""
PROGRESS = "update public.lead_imports set rows_read = %s where id = %s and status <> 'cancelled'"
TOTAL = """
update public.lead_imports set options = options || jsonb_build_object('total_rows', %s::integer)
 where id = %s
"""
REPORT = "update public.lead_imports set error_report_path = %s, error_message = %s where id = %s"
SUMMARY_KEYS = ("headers", "fields", "preview", "duplicates_in_file", "existing_matches")


def create_import(
    conn: psycopg.Connection, file_path: str, filename: str, created_by: str | None = None
) -> str:
    """A new import (status 'importing') of the file at `file_path`; returns its id."""
    row = conn.cursor(row_factory=dict_row).execute(CREATE, (file_path, filename, created_by)).fetchone()
    return row["id"]  # type: ignore[index]


def hold_unless_cancelled(conn: psycopg.Connection, import_id: str) -> None:
    """In the import's own transaction: lock its row until commit; raises ImportCancelled when an admin
    cancelled (or deleted) it, so the transaction rolls back and no lead changes."""
    row = conn.cursor(row_factory=dict_row).execute(LOCK, (import_id,)).fetchone()
    if row is None or row["status"] == "cancelled":
        raise ImportCancelled("the import was cancelled")


def complete(conn: psycopg.Connection, counts: Mapping[str, Any]) -> None:
    """In the import's own transaction: the final counts (import_id, mapping, read, inserted, ..., report).

    Raises ImportCancelled, and changes nothing, when the import was cancelled meanwhile."""
    _finish(conn, counts, "completed")


def record_preview(pool: ConnectionPool, counts: Mapping[str, Any]) -> None:
    """A dry run leaves its mapping, counts and preview on the row (status 'previewed') and no lead.

    Raises ImportCancelled, and changes nothing, when the import was cancelled meanwhile."""
    with pool.connection() as conn:
        _finish(conn, counts, "previewed")


def _finish(conn: psycopg.Connection, counts: Mapping[str, Any], status: str) -> None:
    if conn.execute(FINISH, _finish_values(counts, status)).rowcount == 0:
        raise ImportCancelled("the import was cancelled")


def _finish_values(counts: Mapping[str, Any], status: str) -> dict[str, Any]:
    summary = {key: counts[key] for key in SUMMARY_KEYS} | {"total_rows": counts["read"]}
    return {
        **counts,
        "status": status,
        "report": counts.get("report"),
        "mapping": Jsonb(counts["mapping"]),
        "summary": Jsonb(summary),
    }


class ImportCancelled(RuntimeError):
    """An admin set the import's status to cancelled while it ran; it stops and imports nothing."""


def record_progress(pool: ConnectionPool, import_id: str, rows_read: int) -> None:
    """Commit the rows read so far, so the import page (Realtime) follows the import while it runs.

    Raises ImportCancelled when the import was cancelled (or deleted) meanwhile."""
    with pool.connection() as conn:
        if conn.execute(PROGRESS, (rows_read, import_id)).rowcount == 0:
            raise ImportCancelled("the import was cancelled")


def record_total(pool: ConnectionPool, import_id: str, total_rows: int | None) -> None:
    """The number of records the file holds (null when unknown), so progress = rows_read / total_rows."""
    with pool.connection() as conn:
        conn.execute(TOTAL, (total_rows, import_id))


def record_report(pool: ConnectionPool, import_id: str, report_path: str | None, problem: str | None) -> None:
    """Where the error report was filed, or why it could not be."""
    with pool.connection() as conn:
        conn.execute(REPORT, (report_path, problem, import_id))


class ProgressRecorder:
    """An on_progress callback that commits rows_read once `rows` more were read or `seconds` passed."""

    def __init__(self, pool: ConnectionPool, import_id: str, rows: int = 5_000, seconds: float = 0.5) -> None:
        self.pool, self.import_id, self.rows, self.seconds = pool, import_id, rows, seconds
        self._rows_done, self._at = 0, time.monotonic()

    def __call__(self, rows_read: int) -> None:
        if rows_read - self._rows_done >= self.rows or time.monotonic() - self._at >= self.seconds:
            record_progress(self.pool, self.import_id, rows_read)
            self._rows_done, self._at = rows_read, time.monotonic()


def mark_failed(pool: ConnectionPool, import_id: str, reason: str) -> None:
    with pool.connection() as conn:
        conn.execute(FAIL, (reason[:2000], import_id))
