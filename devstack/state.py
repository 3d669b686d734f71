"""Where devstack keeps its data, and the settings of the running stack (ports, secrets)."""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DEVSTACK_DATA_DIR", REPO_ROOT / ".devstack"))
STATE_FILE = DATA_DIR / "state.json"


@dataclass
class StackState:
    """Settings that must survive restarts so that keys and ports stay stable."""

    db_port: int = 54322
    jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    internal_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    credentials_key: str = field(default_factory=lambda: base64.b64encode(secrets.token_bytes(32)).decode())
    pg_data_dir: str = ""

    def save(self) -> None:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        tmp = STATE_FILE.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2))
        tmp.chmod(0o600)
        tmp.replace(STATE_FILE)


def load_state() -> StackState:
    """Return the saved state, creating (and saving) a fresh one on first use."""
    if STATE_FILE.exists():
        known = StackState.__dataclass_fields__
        raw = json.loads(STATE_FILE.read_text())
        state = StackState(**{k: v for k, v in raw.items() if k in known})
        if set(known) - set(raw):  # a setting added since: keep the value just made
            state.save()
        return state
    state = StackState()
    state.save()
    return state
