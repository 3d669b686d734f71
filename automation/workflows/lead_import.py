"""Import leads from a CSV: stream, validate, COPY into staging, one set-based merge, all or nothing."""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import BinaryIO, TextIO

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from automation.imports.mapping import FIELDS, map_headers, parse_mapping_options
from automation.imports.reader import CsvSource
from automation.imports.rows import InFileDedupe, LeadRow, validate
from automation.workflows import import_records
from automation.workflows.sequences import enroll_import

PROGRESS_EVERY = 500
PREVIEW_ROWS = 10
COPY = """
copy private.lead_import_rows
  (import_id, line_number, full_name, email, phone, city, notes, error, merged_into_line, lead_id, outcome)
from stdin
"""
MERGE = "select * from private.merge_lead_import(%s)"
CLEAN = "delete from private.lead_import_rows where import_id = %s"


@dataclass
class ImportOptions:
    mapping: Sequence[str] = ()  # "Column=field" pairs that override the recognized headers
    dry_run: bool = False  # everything runs and is counted, then rolled back
    start_sequence: str | None = None  # key of a sequence to start for every imported lead
    error_report: TextIO | None = None  # receives line, column, reason of every rejected value
    error_report_path: str | None = None  # where that report is kept, recorded on the import
    on_progress: Callable[[int], None] = field(default=lambda rows: None)


@dataclass(frozen=True)
class ImportResult:
    import_id: str
    mapping: dict[str, str]
    read: int
    inserted: int
    merged: int
    rejected: int
    duplicates_in_file: int
    headers: list[str] = field(default_factory=list)
    preview: list[dict] = field(default_factory=list)  # the first rows, normalized, with their error
    fields: tuple[str, ...] = FIELDS
    seconds: dict[str, float] = field(default_factory=dict, compare=False)  # wall time per phase

    @property
    def existing_matches(self) -> int:
        """Contacts of the file that were already leads (merged rows that are not repeats in the file)."""
        return self.merged - self.duplicates_in_file


def summary(result: ImportResult, report_path: str | None) -> dict:
    """What lead_imports records of a finished run: counts, mapping, headers, preview, report."""
    return {**asdict(result), "existing_matches": result.existing_matches, "report": report_path}


def import_leads(
    pool: ConnectionPool, binary: BinaryIO, import_id: str, options: ImportOptions
) -> ImportResult:
    """Run import `import_id` (a lead_imports row) from `binary`, a seekable CSV file.

    Leads change in one transaction: a malformed file (ImportFileError, MappingError) or any failure
    leaves no lead and no staged row, and the import is marked failed with the reason (then re-raised).
    A cancel that lands before the merge raises ImportCancelled (no lead, the import stays cancelled);
    from the merge on, the import holds its row, so a cancel waits and meets a completed import.
    """
    try:
        source = CsvSource(binary)
        mapping = map_headers(source.headers, parse_mapping_options(options.mapping))
        with pool.connection() as conn, conn.transaction() as tx:
            result = _run(conn, source, import_id, mapping, options)
            if options.dry_run:
                raise psycopg.Rollback(tx)
    except Exception as error:
        import_records.mark_failed(pool, import_id, str(error))
        raise
    if options.dry_run:
        import_records.record_preview(pool, summary(result, options.error_report_path))
    return result


def _run(
    conn, source: CsvSource, import_id: str, mapping: dict[str, str], options: ImportOptions
) -> ImportResult:
    preview: list[dict] = []
    clock = _Clock()
    rows = _rows(source.lines(), mapping, options.on_progress, preview)
    read, duplicates = _stage(conn, rows, import_id, options.error_report)
    clock.lap("read, validate and COPY")
    import_records.hold_unless_cancelled(conn, import_id)
    totals = conn.cursor(row_factory=dict_row).execute(MERGE, (import_id,)).fetchone()
    clock.lap("merge into leads")
    if options.start_sequence:
        enroll_import(conn, import_id, options.start_sequence)
    result = ImportResult(import_id, mapping, read, **totals, duplicates_in_file=duplicates,
                          headers=source.headers, preview=preview, seconds=clock.laps)  # fmt: skip
    import_records.complete(conn, summary(result, options.error_report_path))
    conn.execute(CLEAN, (import_id,))
    clock.lap("sequence, counts and clean-up")
    return result


class _Clock:
    """Wall seconds per phase, for logs and the benchmark."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._at = time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.laps[phase] = now - self._at
        self._at = now


def _stage(conn, rows: Iterator[LeadRow], import_id: str, report_to: TextIO | None) -> tuple[int, int]:
    """COPY every row into staging and the rejected values into the report; returns (rows, duplicates)."""
    report = csv.writer(report_to) if report_to else None
    if report:
        report.writerow(("line", "column", "reason"))
    read = duplicates = 0
    with conn.cursor().copy(COPY) as copy:
        for row in rows:
            read += 1
            duplicates += row.merged_into is not None
            copy.write_row(_staged(import_id, row))
            if report and row.errors:
                report.writerows((row.line, column, reason) for column, reason in row.errors)
    return read, duplicates


def _rows(
    lines, mapping: dict[str, str], on_progress: Callable[[int], None], preview: list[dict]
) -> Iterator[LeadRow]:
    """Validated, deduplicated rows; the first PREVIEW_ROWS of them also go to `preview`."""
    dedupe = InFileDedupe()
    for count, line in enumerate(lines, start=1):
        row = dedupe.place(validate(line, mapping))
        if count <= PREVIEW_ROWS:
            preview.append(
                {"line": row.line, **row.fields, "error": row.error, "merged_into_line": row.merged_into}
            )
        yield row
        if count % PROGRESS_EVERY == 0:
            on_progress(count)


def _staged(import_id: str, row: LeadRow) -> tuple:
    values = row.fields
    return (import_id, row.line, values["full_name"], values["email"], values["phone"], values["city"],
            values["notes"], row.error, row.merged_into, row.lead_id, row.outcome)  # fmt: skip
