"""Runs the outbox worker in a thread of the worker process, next to the scheduler, until stopped."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from flask import Flask

from automation.credentials.current import CurrentProviders
from automation.db import get_pool
from automation.outbox.worker import OutboxWorker


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
    settings, pool = app.config["SETTINGS"], get_pool(app)
    worker = OutboxWorker(pool, CurrentProviders(pool, settings), settings)
    stopping = threading.Event()
    thread = threading.Thread(target=worker.serve, args=(stopping,), name="outbox", daemon=True)
    thread.start()
    return BackgroundOutbox(thread, stopping)
