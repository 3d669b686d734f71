"""The settings provider adapters use in the web process: stored credentials over the environment, cached."""

from __future__ import annotations

from flask import Flask, current_app

from automation.config import Settings
from automation.credentials.store import credentials_stamp, with_credentials
from automation.db import get_pool

EXTENSION_KEY = "coachbase.provider_settings"


def provider_settings(app: Flask | None = None) -> Settings:
    """Settings with every stored credential opened; one small query checks that the cache is current,
    so a change made through any web process is used by all of them on their next request."""
    app = app or current_app
    with get_pool(app).connection() as conn:
        stamp = credentials_stamp(conn)
        cached = app.extensions.get(EXTENSION_KEY)
        if cached is None or cached[0] != stamp:
            cached = app.extensions[EXTENSION_KEY] = (stamp, with_credentials(app.config["SETTINGS"], conn))
    return cached[1]


def opened_provider_settings(app: Flask | None = None) -> tuple[str, Settings] | None:
    """(credentials stamp, settings) as this process opened them last, without asking the database; None
    before the first time. Whoever acts on them checks the stamp (e.g. private.record_payment_event)."""
    return (app or current_app).extensions.get(EXTENSION_KEY)
