"""`flask --app automation import-leads FILE`: import a CSV of leads with a progress bar and error report."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from tqdm import tqdm

from automation.db import get_pool, transaction
from automation.imports.mapping import MappingError
from automation.imports.reader import ImportFileError
from automation.workflows import import_records
from automation.workflows.lead_import import ImportOptions, ImportResult, import_leads
from automation.workflows.sequences import UnknownSequence


@click.command("import-leads")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mapping", multiple=True, metavar="COLUMN=FIELD", help="Map a column to a lead field.")
@click.option("--dry-run", is_flag=True, help="Validate and count everything, change nothing.")
@click.option("--start-sequence", is_flag=True, help="Start the follow-up sequence for the imported leads.")
@click.option("--sequence", default="cta_follow_up", show_default=True, help="Key of the sequence to start.")
def import_leads_command(
    file: Path, mapping: tuple[str, ...], dry_run: bool, start_sequence: bool, sequence: str
) -> None:
    """Import leads from FILE (CSV); rejected values go to FILE.errors.csv (line, column, reason)."""
    with transaction() as conn:
        import_id = import_records.create_import(conn, str(file.resolve()), file.name)
    report_path = file.with_name(file.name + ".errors.csv")
    with file.open("rb") as binary, report_path.open("w", newline="") as report, tqdm(unit=" rows") as bar:
        chosen = sequence if start_sequence else None
        options = ImportOptions(mapping, dry_run, chosen, report, str(report_path), _progress(import_id, bar))
        try:
            result = import_leads(get_pool(), binary, import_id, options)
        except (ImportFileError, MappingError, UnknownSequence, import_records.ImportCancelled) as error:
            raise click.ClickException(f"{file.name}: {error}. Nothing was imported.") from None
        bar.update(result.read - bar.n)
    _summarize(result, report_path, dry_run)


def _progress(import_id: str, bar: tqdm):
    record = import_records.ProgressRecorder(get_pool(), import_id)

    def show(rows: int) -> None:
        bar.update(rows - bar.n)
        record(rows)

    return show


def _summarize(result: ImportResult, report_path: Path, dry_run: bool) -> None:
    click.echo("Columns: " + ", ".join(f"{column} → {field}" for column, field in result.mapping.items()))
    verb = "would be" if dry_run else "were"
    click.echo(
        f"{result.read} rows: {result.inserted} {verb} new leads, {result.merged} {verb} merged "
        f"({result.duplicates_in_file} repeats inside the file), {result.rejected} {verb} rejected."
    )
    if result.rejected:
        click.echo(f"Rejected values, by line and column: {report_path}")
    else:
        report_path.unlink()
