"""Imports asked for from the admin page: the request on the lead_imports row, and a worker's claim of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

# A claim is taken over when its row has not changed for this long (progress commits every ~0.5 s).
LEASE = timedelta(minutes=10)
REQUEST = """
insert into public.lead_imports (file_path, original_filename, column_mapping, options, created_by, job)
values (%(file_path)s, %(original_filename)s, coalesce(%(mapping)s::jsonb, '{}'), %(options)s, %(created_by)s,
        %(job)s)
returning id::text, status::text
"""
START = """
update public.lead_imports
   set job = 'import', column_mapping = coalesce(%(mapping)s::jsonb, column_mapping),
       options = options || %(options)s, error_message = null
 where id = %(id)s and job is null and status in ('uploaded', 'previewed', 'failed')
returning id::text, status::text
"""
CURRENT = "select id::text, status::text, job from public.lead_imports where id = %s"
CLAIM = """
with next as (
  select id from public.lead_imports
   where job is not null and status <> 'cancelled' and (claimed_at is null or updated_at < now() - %(lease)s)
   order by created_at
   limit 1
   for update skip locked
)
update public.lead_imports i
   set claimed_at = now(), started_at = now(), finished_at = null, rows_read = 0, error_message = null,
       status = case when i.job = 'import' then 'importing'::public.import_status else i.status end
  from next
 where i.id = next.id
returning i.id::text, i.file_path, i.job, i.column_mapping, i.options
"""


class ImportNotStartable(LookupError):
    """The import does not exist (`found` False) or is running or finished; the message says which."""

    def __init__(self, message: str, found: bool = True) -> None:
        super().__init__(message)
        self.found = found


@dataclass(frozen=True)
class ImportRequest:
    mapping: Mapping[str, str] | None  # CSV header → lead field; None = the previewed one, else recognized
    start_sequence: bool  # start the follow-up sequence for every imported lead


@dataclass(frozen=True)
class ClaimedImport:
    id: str
    file_path: str
    dry_run: bool
    mapping: dict[str, str]
    start_sequence: bool


def request_import(
    conn: psycopg.Connection,
    file_path: str,
    filename: str,
    request: ImportRequest,
    *,
    dry_run: bool,
    admin_id: str,
) -> dict[str, str]:
    """A new lead_imports row (status 'uploaded') waiting for a worker to preview or import the file."""
    values = {"file_path": file_path, "original_filename": filename, "created_by": admin_id,
              "job": "preview" if dry_run else "import", **_request_values(request)}  # fmt: skip
    return conn.cursor(row_factory=dict_row).execute(REQUEST, values).fetchone()  # type: ignore[return-value]


def start_import(conn: psycopg.Connection, import_id: str, request: ImportRequest) -> dict[str, str]:
    """Ask a worker to import a file that was previewed (or uploaded, or failed and fixed).

    Raises ImportNotStartable when the import is unknown, already queued or running, or finished."""
    started = conn.cursor(row_factory=dict_row).execute(START, {"id": import_id, **_request_values(request)})
    row = started.fetchone()
    if row is not None:
        return row
    current = conn.cursor(row_factory=dict_row).execute(CURRENT, (import_id,)).fetchone()
    if current is None:
        raise ImportNotStartable(f"no lead import {import_id}", found=False)
    if current["job"] and current["status"] != "cancelled":
        raise ImportNotStartable(
            f"this import already waits for or runs its {current['job']}; follow its status"
        )
    raise ImportNotStartable(f"this import is {current['status']}; upload the file again to import it anew")


def _request_values(request: ImportRequest) -> dict[str, Any]:
    mapping = None if request.mapping is None else Jsonb(dict(request.mapping))
    return {"mapping": mapping, "options": Jsonb({"start_sequence": request.start_sequence})}


def claim_next(pool: ConnectionPool, lease: timedelta = LEASE) -> ClaimedImport | None:
    """Claim the oldest import waiting for a worker (SKIP LOCKED: safe on many instances), or None."""
    with pool.connection() as conn:
        row = conn.cursor(row_factory=dict_row).execute(CLAIM, {"lease": lease}).fetchone()
    if row is None:
        return None
    return ClaimedImport(
        row["id"], row["file_path"], row["job"] == "preview", row["column_mapping"],
        bool(row["options"].get("start_sequence")),
    )  # fmt: skip
