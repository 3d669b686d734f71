"""A Supabase project folder's functions: which exist, their `verify_jwt`, and the `.env` they read."""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

log = logging.getLogger(__name__)
ENTRYPOINT = "index.ts"
# The Supabase CLI's rule for function names; it also keeps `_shared` and dot-folders out.
FUNCTION_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
# The platform sets these itself; the Supabase CLI skips them in a functions .env file.
RESERVED_PREFIX = "SUPABASE_"


class ProjectError(ValueError):
    """The project's config.toml cannot be read; the message says which file and why."""


@dataclass(frozen=True)
class FunctionsProject:
    """`supabase_dir` holds config.toml and functions/<name>/index.ts, as the Supabase CLI expects."""

    supabase_dir: Path
    verify_jwt_off: frozenset[str]

    @classmethod
    def load(cls, supabase_dir: Path) -> FunctionsProject:
        """Read config.toml once, as `supabase functions serve` does; raises ProjectError."""
        config_path = supabase_dir / "config.toml"
        try:
            config = tomllib.loads(config_path.read_text()) if config_path.exists() else {}
        except (tomllib.TOMLDecodeError, OSError) as error:
            raise ProjectError(f"{config_path}: {error}") from error
        functions = config.get("functions") or {}
        off = {name for name, settings in functions.items() if settings.get("verify_jwt", True) is False}
        return cls(supabase_dir, frozenset(off))

    @property
    def functions_dir(self) -> Path:
        return self.supabase_dir / "functions"

    def entrypoint(self, name: str) -> Path | None:
        """The function's index.ts, or None when no such function exists."""
        if not FUNCTION_NAME.match(name):
            return None
        path = self.functions_dir / name / ENTRYPOINT
        return path if path.is_file() else None

    def verify_jwt(self, name: str) -> bool:
        """`[functions.<name>] verify_jwt`, true unless the config turns it off."""
        return name not in self.verify_jwt_off

    def dotenv(self) -> dict[str, str]:
        """`functions/.env` when present (read at each process start), without reserved names."""
        values = dotenv_values(self.functions_dir / ".env")
        for name in [n for n in values if n.startswith(RESERVED_PREFIX)]:
            log.warning("functions/.env: %s cannot start with %s; skipped", name, RESERVED_PREFIX)
            del values[name]
        return {name: value or "" for name, value in values.items()}
