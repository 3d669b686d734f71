"""CSV import of 100,000 rows (5% invalid, 10% repeats) against a raw COPY of the same file, same run.

Usage (from the repository root): .venv/bin/python -m bench.csv_import [--rows 100000]

The import is the real one (stream, validate, COPY into staging, set-based merge, in one transaction)
into an empty leads table of a scratch database; the baseline COPYs the same file's bytes into an
unindexed table of text columns. Target: the import within 3x the COPY.
"""

from __future__ import annotations

import argparse
import io
import random
import time

import psycopg

from automation.db import create_pool
from automation.workflows import import_records
from automation.workflows.lead_import import ImportOptions, import_leads
from bench.funnel_db import scratch_database
from tests.support.settings import settings_for_tests

DATABASE = "cb_bench_csv_import"


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


def time_import(url: str, data: bytes) -> tuple[float, object]:
    pool = create_pool(settings_for_tests(supabase_db_url=url, db_pool_min_size=1, db_pool_max_size=2))
    pool.open()
    with pool.connection() as conn:
        import_id = import_records.create_import(conn, "bench.csv", "bench.csv")
    started = time.perf_counter()
    result = import_leads(pool, io.BytesIO(data), import_id, ImportOptions(error_report=io.StringIO()))
    elapsed = time.perf_counter() - started
    pool.close()
    return elapsed, result


def time_copy(url: str, data: bytes) -> float:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("drop table if exists bench_raw_rows")
        conn.execute("create unlogged table bench_raw_rows (name text, email text, phone text, city text)")
        started = time.perf_counter()
        with conn.cursor().copy("copy bench_raw_rows from stdin (format csv, header true)") as copy:
            copy.write(data)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    url = scratch_database(DATABASE)
    data = make_csv(args.rows)
    copy_seconds = time_copy(url, data)
    import_seconds, result = time_import(url, data)
    print(f"rows {args.rows}, file {len(data) / 1e6:.1f} MB")
    ratio = import_seconds / copy_seconds
    print(f"{'raw COPY (unindexed table)':<34} {copy_seconds:8.2f} s")
    print(f"{'import (validate, dedupe, merge)':<34} {import_seconds:8.2f} s   ratio {ratio:.1f}x")
    counts = f"inserted {result.inserted}, merged {result.merged} ({result.duplicates_in_file} in the file)"
    print(f"  {counts}, rejected {result.rejected}")


if __name__ == "__main__":
    main()
