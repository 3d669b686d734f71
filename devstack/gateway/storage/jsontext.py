"""JSON from callers, refused when PostgreSQL could not store it."""

from __future__ import annotations

import json
from typing import Any


def loads(text: str | bytes) -> Any:
    """Parse JSON; raises ValueError also for lone surrogates and for nesting too deep to walk."""
    try:
        value = json.loads(text)
        json.dumps(value, ensure_ascii=False).encode()
    except RecursionError as error:
        raise ValueError("JSON nested too deeply") from error
    return value
