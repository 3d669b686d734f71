"""The committed frontend database types are what the generator makes of the migrated schema."""

from __future__ import annotations

from devstack.typegen.generate import TYPES_FILE, types_of


def test_committed_database_types_match_the_schema(fresh_db_url: str) -> None:
    generated = types_of(fresh_db_url)
    assert TYPES_FILE.read_text() == generated, "database types drifted: run python -m devstack gen-types"
