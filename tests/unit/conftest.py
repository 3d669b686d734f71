"""Fixtures for unit tests."""

from __future__ import annotations

import pytest

from automation.config import Settings


@pytest.fixture
def no_ambient_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Settings read nothing from the machine: no .env of the checkout, no variables of the shell."""
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
