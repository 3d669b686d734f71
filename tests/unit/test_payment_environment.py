"""Every payment variable the service reads or devstack prints is documented in .env.example."""

from __future__ import annotations

import re
from pathlib import Path

from automation.config import Settings
from devstack.sandbox.payments.credentials import payment_environment

ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def documented() -> set[str]:
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), flags=re.MULTILINE))


def test_every_payment_setting_is_in_env_example():
    payment_fields = {
        name.upper()
        for name in Settings.model_fields
        if name.startswith(("payments_", "instamojo_", "phonepe_"))
    }
    assert payment_fields
    assert payment_fields <= documented()


def test_devstack_points_every_payment_setting_at_the_sandbox():
    printed = payment_environment("http://127.0.0.1:54324")
    assert set(printed) <= documented()
    assert printed["INSTAMOJO_BASE_URL"] == "http://127.0.0.1:54324/instamojo"
    assert printed["PHONEPE_API_BASE"] == printed["PHONEPE_OAUTH_BASE"] == "http://127.0.0.1:54324/phonepe"
