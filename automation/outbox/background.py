"""Runs the outbox worker in a thread of the worker process, next to the scheduler, until stopped."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from flask import Flask

from automation.db import get_pool
from automation.outbox.worker import OutboxWorker
from automation.providers.bootstrap import bootstrap_providers


@dataclass
class BackgroundOutbox:
    thread: threading.Thread
    stopping: threading.Event

    def stop(self) -> None:
        """Finish the sends in flight, then return."""
        self.stopping.set()
        self.thread.join()


def start_outbox_worker(app: Flask) -> BackgroundOutbox:
    """Start sending; raises SettingsError when a provider is not configured."""
    settings = app.config["SETTINGS"]
    worker = OutboxWorker(get_pool(app), bootstrap_providers(settings), settings)
    stopping = threading.Event()
    thread = threading.Thread(target=worker.serve, args=(stopping,), name="outbox", daemon=True)
    thread.start()
    return BackgroundOutbox(thread, stopping)
