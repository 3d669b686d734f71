"""Go's time.ParseDuration, for `ban_duration` ("24h", "1h30m", "876000h", "0.5h", ...)."""

from __future__ import annotations

import re
from datetime import timedelta

_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_PART = re.compile(r"(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)")


def parse_go_duration(text: str) -> timedelta:
    """Raises ValueError with Go's message for anything Go would refuse."""
    body = text[1:] if text[:1] in "+-" else text
    parts = list(_PART.finditer(body))
    if body == "0":
        return timedelta(0)
    if not parts or "".join(p.group(0) for p in parts) != body:
        raise ValueError(f'time: invalid duration "{text}"')
    seconds = sum(float(p.group(1)) * _UNITS[p.group(2)] for p in parts)
    return timedelta(seconds=-seconds if text.startswith("-") else seconds)
