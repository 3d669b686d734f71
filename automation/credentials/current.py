"""The worker's adapters, rebuilt when an admin changes a stored secret, so no restart is needed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from psycopg_pool import ConnectionPool

from automation.app_links import AppLinks
from automation.config import Settings
from automation.credentials.store import credentials_stamp, with_credentials
from automation.providers.bootstrap import Providers, bootstrap_providers

Build = Callable[[Settings], Providers]


class CurrentProviders:
    """Looks like `Providers` to the outbox handlers. Each look-up reads one digest of the stored
    credentials (no decryption) and rebuilds the adapters only when it changed."""

    def __init__(
        self,
        pool: ConnectionPool,
        settings: Settings,
        build: Callable[[Settings], Providers] = bootstrap_providers,
    ) -> None:
        """Builds the adapters once now: raises SettingsError at start when a provider is not configured."""
        self._pool, self._settings, self._build = pool, settings, build
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._providers: Providers | None = None
        self.current()

    def current(self) -> Providers:
        """The adapters for the credentials stored now; SettingsError (retried by the outbox) if unusable."""
        with self._pool.connection() as conn, self._lock:
            stamp = credentials_stamp(conn)
            if self._providers is None or stamp != self._stamp:
                self._providers = self._build(with_credentials(self._settings, conn))
                self._stamp = stamp
            return self._providers

    @property
    def email(self) -> Any:
        return self.current().email

    @property
    def whatsapp(self) -> Any:
        return self.current().whatsapp

    @property
    def voice(self) -> Any:
        return self.current().voice

    @property
    def payments(self) -> Mapping[str, Any]:
        return self.current().payments

    @property
    def accounts(self) -> Any:
        return self.current().accounts

    @property
    def links(self) -> AppLinks:
        """From the deployment's settings, which no stored credential changes: no database read."""
        return AppLinks(self._settings.web_app_url)
