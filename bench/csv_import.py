"""CSV import of 100,000 rows (5% invalid, 10% repeats) against a raw COPY of the same file, same run.

Usage (from the repository root): .venv/bin/python -m bench.csv_import [--rows 100000]

The import is the real one (stream, validate, COPY into staging, set-based merge, in one transaction)
into an empty leads table of a scratch database; the baseline COPYs the same file's bytes into an
unindexed table of text columns. Target: the import within 3x the COPY.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import time

import psycopg

from automation.db import create_pool
from automation.imports.mapping import map_headers
from automation.imports.reader import CsvSource
from automation.imports.rows import InFileDedupe, validate
from automation.workflows import import_records
from automation.workflows.lead_import import ImportOptions, import_leads
from bench.funnel_db import scratch_database
from bench.process_cpu import cpu_seconds
from tests.support.settings import settings_for_tests

DATABASE = "cb_bench_csv_import"
BACKENDS = "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"


def make_csv(rows: int, seed: int = 7) -> bytes:
    """Name, Email, Phone, City: 5% with a bad email or phone, 10% repeating an earlier row's contact."""
    rng = random.Random(seed)
    lines = ["Name,Email,Phone,City"]
    for n in range(rows):
        kind = rng.random()
        if kind < 0.10 and n > 0:
            k = rng.randrange(n)
            lines.append(f"Again {k},lead{k}@example.com,,Pune")
        elif kind < 0.15:
            lines.append(f"Bad {n},lead{n}@,98{n:08d}1,Delhi")
        else:
            lines.append(f"Lead {n},lead{n}@example.com,+91 9{n:09d},Mumbai")
    return ("\r\n".join(lines) + "\r\n").encode()


class Meter:
    """Wall time, this process's CPU and the CPU of the database's backends (devstack runs on this host),
    so that a loaded machine inflates the wall figure but not the CPU ones."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> Meter:
        self._server = self._backend_cpu()
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu
        now = self._backend_cpu()
        self.server_cpu = sum(seconds - self._server.get(pid, 0.0) for pid, seconds in now.items())

    def line(self, label: str, against: Meter | None = None) -> str:
        text = f"{label:<36} {self.wall:7.2f} s wall  {self.cpu:6.2f} s client CPU"
        text += f"  {self.server_cpu:6.2f} s db CPU"
        if against:
            text += f"   ratio {self.wall / against.wall:.1f}x wall, {self.total / against.total:.1f}x CPU"
        return text

    @property
    def total(self) -> float:
        return self.cpu + self.server_cpu

    def _backend_cpu(self) -> dict[int, float]:
        """CPU seconds of each backend; one that ended since it was listed is left out (it reads 0)."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            pids = conn.execute(BACKENDS).fetchall()
        return {pid: seconds for (pid,) in pids if (seconds := cpu_seconds(pid))}


def time_import(url: str, data: bytes) -> tuple[Meter, object]:
    pool = create_pool(settings_for_tests(supabase_db_url=url, db_pool_min_size=2, db_pool_max_size=2))
    pool.open(wait=True)
    with pool.connection() as conn:
        import_id = import_records.create_import(conn, "bench.csv", "bench.csv")
    with Meter(url) as meter:
        result = import_leads(pool, io.BytesIO(data), import_id, ImportOptions(error_report=io.StringIO()))
    pool.close()
    return meter, result


def time_copy(url: str, data: bytes) -> Meter:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("drop table if exists bench_raw_rows")
        conn.execute("create unlogged table bench_raw_rows (name text, email text, phone text, city text)")
        with (
            Meter(url) as meter,
            conn.cursor().copy("copy bench_raw_rows from stdin (format csv, header true)") as copy,
        ):
            copy.write(data)
    return meter


def time_python_only(url: str, data: bytes) -> Meter:
    """Read, validate and dedupe the file without a database."""
    with Meter(url) as meter:
        source = CsvSource(io.BytesIO(data))
        mapping, dedupe = map_headers(source.headers), InFileDedupe()
        for line in source.lines():
            dedupe.place(validate(line, mapping))
    return meter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    url = scratch_database(DATABASE)
    data = make_csv(args.rows)
    copy = time_copy(url, data)
    imported, result = time_import(url, data)
    python = time_python_only(url, data)
    print(f"rows {args.rows}, file {len(data) / 1e6:.1f} MB, load average {os.getloadavg()[0]:.2f}")
    print(copy.line("raw COPY (unindexed table)"))
    print(imported.line("import (validate, dedupe, merge)", against=copy))
    for phase, seconds in result.seconds.items():
        print(f"  {phase:<34} {seconds:7.2f} s wall")
    print(python.line("  of which read+validate (no db)"))
    counts = f"inserted {result.inserted}, merged {result.merged} ({result.duplicates_in_file} in the file)"
    print(f"  {counts}, rejected {result.rejected}")


if __name__ == "__main__":
    main()
