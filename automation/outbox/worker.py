"""The outbox worker: claims due rows, sends each outside the claim transaction, records the outcome."""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from automation.outbox import gate, handlers, store  # handlers: importing it registers them
from automation.outbox.registry import Sent, UnknownOperation, handler_for
from automation.outbox.settings import OutboxSettings
from automation.providers.errors import ProviderAPIError, ProviderError

log = logging.getLogger(__name__)
KNOWN_HANDLER_MODULES = handlers.REGISTERING_MODULES


def worker_name() -> str:
    """Unique per process and start, readable in outbox.locked_by: host, pid and a random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class OutboxWorker:
    """Sends outbox rows; safe to run in many processes on many hosts at once (SKIP LOCKED claims)."""

    def __init__(
        self, pool: ConnectionPool, providers: Any, settings: OutboxSettings, name: str | None = None
    ) -> None:
        self.pool = pool
        self.providers = providers
        self.settings = settings
        self.name = name or worker_name()
        self.executor = ThreadPoolExecutor(settings.outbox_concurrency, thread_name_prefix="outbox")

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        with self.pool.connection() as conn, conn.transaction():
            yield conn

    def run_once(self) -> int:
        """Claim one batch and process it to the end; the number of rows claimed."""
        with self.transaction() as conn:
            rows = store.claim(
                conn, self.name, self.settings.outbox_batch_size, self.settings.outbox_stale_lock_seconds
            )
        list(self.executor.map(self.process, rows))
        return len(rows)

    def serve(self, stop: threading.Event) -> None:
        """Process batches until `stop` is set, sleeping on LISTEN outbox (or the poll interval) when idle."""
        with psycopg.connect(self.pool.conninfo, autocommit=True) as listener:
            listener.execute("listen outbox")
            while not stop.is_set():
                if self.run_once() < self.settings.outbox_batch_size:
                    for _ in listener.notifies(timeout=self.settings.outbox_poll_seconds, stop_after=1):
                        pass
        self.executor.shutdown(wait=True)

    def process(self, row: Mapping[str, Any]) -> None:
        """Gate, send and record one claimed row; every outcome is written to the row."""
        decision = self._decide(row)
        if isinstance(decision, gate.Skip):
            with self.transaction() as conn:
                store.mark_skipped(conn, row, self.name, decision.reason)
        elif isinstance(decision, gate.Hold):
            with self.transaction() as conn:
                store.release(conn, row, self.name, decision.until, decision.reason)
        else:
            self._send(row, decision.provider)

    def _decide(self, row: Mapping[str, Any]) -> gate.Decision:
        while True:
            with self.transaction() as conn:
                decision = gate.decide(conn, row)
            if not isinstance(decision, gate.Wait):
                return decision
            time.sleep(decision.seconds)

    def _send(self, row: Mapping[str, Any], provider: str | None) -> None:
        try:
            sent = handler_for(row["channel"], row["operation"])(self.transaction, row, self.providers)
        except (ProviderError, UnknownOperation) as error:
            self._failed(row, error)
            return
        except Exception as error:  # a handler bug: recorded on the row and retried, never lost
            log.exception("outbox handler %s/%s raised", row["channel"], row["operation"])
            self._failed(row, error)
            return
        self._record(row, sent, provider)

    def _record(self, row: Mapping[str, Any], sent: Sent, provider: str | None) -> None:
        with self.transaction() as conn:
            if store.mark_sent(conn, row, self.name, sent.provider or provider, sent.result) and sent.record:
                sent.record(conn)

    def _failed(self, row: Mapping[str, Any], error: Exception) -> None:
        final = isinstance(error, UnknownOperation) or (
            isinstance(error, ProviderAPIError) and not error.retryable
        )
        log.warning("outbox %s %s/%s attempt %s failed: %s", row["id"], row["channel"], row["operation"],
                    row["attempts"], error)  # fmt: skip
        with self.transaction() as conn:
            if final or row["attempts"] >= row["max_attempts"]:
                store.mark_dead(conn, row, self.name, str(error))
            else:
                store.mark_retry(conn, row, self.name, str(error), self._delay(row, error))

    def _delay(self, row: Mapping[str, Any], error: Exception) -> float:
        retry_after = error.retry_after if isinstance(error, ProviderAPIError) else None
        s = self.settings
        return store.backoff_seconds(
            row["attempts"], s.outbox_backoff_base_seconds, s.outbox_backoff_max_seconds, retry_after
        )
