"""The connection type Auth's SQL runs on: psycopg async connections returning rows as dicts."""

from __future__ import annotations

from typing import TypeAlias

from psycopg import AsyncConnection
from psycopg.rows import DictRow

Connection: TypeAlias = AsyncConnection[DictRow]
