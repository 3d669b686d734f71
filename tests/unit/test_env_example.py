""".env.example lists only variables something reads; the center's zone is a center setting, not one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from automation.config import Settings, load_settings
from tests.unit.test_config import COMPLETE

ROOT = Path(__file__).resolve().parents[2]
# Read outside the service's settings: gunicorn's process counts, and the web app's build.
OTHER_READERS = (ROOT / "gunicorn.conf.py", ROOT / "frontend" / "src" / "config" / "env-schema.ts")


def documented() -> set[str]:
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE))


def test_every_documented_variable_is_read():
    others = "\n".join(path.read_text() for path in OTHER_READERS)
    read = {name.upper() for name in Settings.model_fields} | set(re.findall(r"\b[A-Z][A-Z0-9_]+\b", others))
    assert documented() - read == set()


@pytest.mark.usefixtures("no_ambient_configuration")
def test_the_centers_zone_comes_from_its_settings_row_not_the_environment(monkeypatch):
    monkeypatch.setenv("CENTER_TIMEZONE", "Europe/Berlin")
    settings = load_settings(app_env="test", **COMPLETE)
    assert "Europe/Berlin" not in settings.model_dump().values()
    assert "CENTER_TIMEZONE" not in documented()
