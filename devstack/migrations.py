"""Apply supabase/migrations/*.sql in order, one transaction each, recorded as the Supabase CLI does."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
import sqlparse

from devstack.state import REPO_ROOT

MIGRATIONS_DIR = REPO_ROOT / "supabase" / "migrations"
FILE_NAME = re.compile(r"^(?P<version>\d+)_(?P<name>.+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


class MigrationError(RuntimeError):
    """A migration failed; nothing of that file was applied."""

    def __init__(self, migration: Migration, line: int | None, message: str) -> None:
        self.migration = migration
        self.line = line
        self.message = message
        where = f"{migration.path.name}:{line}" if line else migration.path.name
        super().__init__(f"{where}: {message}")


def discover(migrations_dir: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Migration files in file-name order; other files in the folder are ignored."""
    found = []
    for path in sorted(migrations_dir.glob("*.sql")):
        match = FILE_NAME.match(path.name)
        if match:
            found.append(Migration(match["version"], match["name"], path))
    return found


def applied_versions(conn: psycopg.Connection) -> set[str]:
    rows = conn.execute("select version from supabase_migrations.schema_migrations")
    return {version for (version,) in rows}


def _line_of(error: psycopg.Error, text: str) -> int | None:
    position = error.diag.statement_position
    if position is None:
        return None
    return text[: int(position) - 1].count("\n") + 1


def _describe(error: psycopg.Error) -> str:
    parts = [error.diag.message_primary or str(error)]
    if error.diag.message_detail:
        parts.append(f"DETAIL: {error.diag.message_detail}")
    if error.diag.message_hint:
        parts.append(f"HINT: {error.diag.message_hint}")
    if error.diag.context:
        parts.append(f"CONTEXT: {error.diag.context}")
    return "\n".join(parts)


def apply_one(conn: psycopg.Connection, migration: Migration) -> None:
    """Run one file and record it, in one transaction; raises MigrationError on failure."""
    text = migration.text
    statements = [s.strip() for s in sqlparse.split(text) if s.strip()]
    try:
        with conn.transaction():
            conn.execute(text)
            conn.execute(
                "insert into supabase_migrations.schema_migrations (version, name, statements)"
                " values (%s, %s, %s)",
                (migration.version, migration.name, statements),
            )
    except psycopg.Error as error:
        raise MigrationError(migration, _line_of(error, text), _describe(error)) from error


def apply_pending(
    db_url: str,
    migrations_dir: Path = MIGRATIONS_DIR,
    progress: Callable[[Migration], None] | None = None,
) -> list[Migration]:
    """Apply every migration not yet recorded; returns those applied, in order."""
    applied: list[Migration] = []
    with psycopg.connect(db_url, autocommit=True) as conn:
        done = applied_versions(conn)
        for migration in discover(migrations_dir):
            if migration.version in done:
                continue
            if progress:
                progress(migration)
            apply_one(conn, migration)
            applied.append(migration)
    return applied
