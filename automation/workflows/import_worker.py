"""The worker's part of admin imports: claim a waiting import, fetch its file from Storage, run it, file
the error report next to it in the `imports` bucket."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from psycopg_pool import ConnectionPool

from automation.imports.mapping import MappingError
from automation.imports.reader import ImportFileError, count_records
from automation.providers.errors import ProviderError
from automation.providers.supabase_storage import SupabaseStorage
from automation.workflows import import_records
from automation.workflows.import_jobs import ClaimedImport, claim_next
from automation.workflows.lead_import import ImportOptions, import_leads
from automation.workflows.sequences import UnknownSequence

BUCKET = "imports"
SEQUENCE = "cta_follow_up"  # the follow-up sequence an admin import may start
EXPECTED = (ImportFileError, MappingError, UnknownSequence, import_records.ImportCancelled)  # on the row
log = logging.getLogger(__name__)


def run_waiting_imports(pool: ConnectionPool, storage: SupabaseStorage) -> list[str]:
    """Run every import waiting for a worker, one at a time, until none waits; returns their ids.

    A malformed file, a bad mapping or a missing file marks its import failed and is not raised; so does
    any other failure of one import (logged with its traceback), and the next waiting import runs."""
    done = []
    while (claimed := claim_next(pool)) is not None:
        try:
            with tempfile.TemporaryDirectory(prefix="lead-import-") as folder:
                _run(pool, storage, claimed, Path(folder))
        except Exception as error:  # recorded on the import's row (and logged); the next import runs
            log.exception("lead import %s stopped on an unexpected error", claimed.id)
            import_records.mark_failed(pool, claimed.id, _unexpected(error))
        done.append(claimed.id)
    return done


def _unexpected(error: Exception) -> str:
    """The import's error message for a failure nobody planned for: what happened and what to do."""
    return (
        f"the import stopped on an unexpected error ({type(error).__name__}: {error}); no lead was changed. "
        "Start it again; if it fails the same way, send this message to support"
    )


def _run(pool: ConnectionPool, storage: SupabaseStorage, claimed: ClaimedImport, folder: Path) -> None:
    source, report = folder / "source.csv", folder / "errors.csv"
    try:
        with source.open("wb") as file:
            storage.download(BUCKET, claimed.file_path, file)
    except ProviderError as error:
        message = f"the file {claimed.file_path} could not be read from Storage ({error}); upload it again"
        import_records.mark_failed(pool, claimed.id, message)
        return
    with source.open("rb") as file:
        import_records.record_total(pool, claimed.id, count_records(file))
    try:
        result = _import(pool, claimed, source, report)
    except EXPECTED:
        return
    if result.rejected:
        _file_report(pool, storage, claimed, report)


def _import(pool: ConnectionPool, claimed: ClaimedImport, source: Path, report: Path):
    with source.open("rb") as binary, report.open("w", newline="") as errors:
        options = ImportOptions(
            mapping=[f"{column}={field}" for column, field in claimed.mapping.items()],
            dry_run=claimed.dry_run,
            start_sequence=SEQUENCE if claimed.start_sequence else None,
            error_report=errors,
            on_progress=import_records.ProgressRecorder(pool, claimed.id),
        )
        return import_leads(pool, binary, claimed.id, options)


def report_name(file_path: str) -> str:
    """The error report's object name: beside the file, in the same folder of the `imports` bucket."""
    return f"{file_path}.errors.csv"


def _file_report(
    pool: ConnectionPool, storage: SupabaseStorage, claimed: ClaimedImport, report: Path
) -> None:
    name = report_name(claimed.file_path)
    try:
        with report.open("rb") as data:
            storage.upload(BUCKET, name, data, "text/csv")
    except ProviderError as error:
        import_records.record_report(pool, claimed.id, None, f"the error report could not be saved ({error})")
        return
    import_records.record_report(pool, claimed.id, name, None)
