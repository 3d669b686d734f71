"""The outbox worker: claims due rows, sends each outside the claim transaction, records the outcome."""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from automation.outbox import gate, handlers, store  # handlers: importing it registers them
from automation.outbox.registry import Sent, UnknownOperation, handler_for
from automation.outbox.settings import OutboxSettings
from automation.providers.errors import ProviderAPIError, ProviderError

log = logging.getLogger(__name__)
Outcome = Callable[[psycopg.Connection], None]
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
        """Claim one batch and process it to the end; the number of rows claimed.

        Three transactions per batch: the claim, the gate (skips and holds written), the outcomes.
        """
        with self.transaction() as conn:
            rows = store.claim(
                conn, self.name, self.settings.outbox_batch_size, self.settings.outbox_stale_lock_seconds
            )
        allowed = self._gate(rows)
        outcomes = list(self.executor.map(self._send, allowed))
        with self.transaction() as conn:
            for outcome in outcomes:
                outcome(conn)
        return len(rows)

    def serve(self, stop: threading.Event) -> None:
        """Process batches until `stop` is set, sleeping on LISTEN outbox (or the poll interval) when idle;
        a lost LISTEN connection (a database restart) is opened again after one poll interval."""
        while not stop.is_set():
            try:
                self._serve_listening(stop)
            except psycopg.OperationalError:
                log.exception("outbox lost its LISTEN connection; connecting again")
                stop.wait(self.settings.outbox_poll_seconds)
        self.executor.shutdown(wait=True)

    def _serve_listening(self, stop: threading.Event) -> None:
        with psycopg.connect(self.pool.conninfo, autocommit=True) as listener:
            listener.execute("listen outbox")
            while not stop.is_set():
                if self._batch() < self.settings.outbox_batch_size:
                    for _ in listener.notifies(timeout=self.settings.outbox_poll_seconds, stop_after=1):
                        pass

    def _batch(self) -> int:
        """run_once, surviving any error: the batch's rows stay claimed until their lock goes stale and
        another claim takes them, so the error is logged and the loop goes on (a dead sender thread in a
        live worker process would stop every message without a sign)."""
        try:
            return self.run_once()
        except psycopg.Error:
            log.exception("outbox batch failed on the database; its rows will be reclaimed")
        except Exception:
            log.exception("outbox batch failed; its rows will be reclaimed when their lock goes stale")
        return 0

    def _gate(self, rows: list[dict[str, Any]]) -> list[tuple[Mapping[str, Any], str | None]]:
        """The rows that may go now, with their provider; skips and holds are written, short waits slept.

        Rows are gated in provider order, so that workers take the buckets' row locks in one order.
        """
        allowed, pending = [], sorted(rows, key=lambda row: gate.PROVIDERS.get(row["channel"], ""))
        while pending:
            waits: list[tuple[Mapping[str, Any], float]] = []
            with self.transaction() as conn:
                for row in pending:
                    decision = gate.decide(conn, row)
                    if isinstance(decision, gate.Go):
                        allowed.append((row, decision.provider))
                    elif isinstance(decision, gate.Wait):
                        waits.append((row, decision.seconds))
                    else:
                        self._not_now(conn, row, decision)
            time.sleep(max((seconds for _, seconds in waits), default=0))
            pending = [row for row, _ in waits]
        return allowed

    def _not_now(self, conn: psycopg.Connection, row: Mapping[str, Any], decision: gate.Decision) -> None:
        if isinstance(decision, gate.Skip):
            store.mark_skipped(conn, row, self.name, decision.reason)
        elif isinstance(decision, gate.Hold):
            store.release(conn, row, self.name, decision.until, decision.reason)

    def _send(self, allowed: tuple[Mapping[str, Any], str | None]) -> Outcome:
        """Call the row's handler (no transaction open); the outcome is written later with the batch's."""
        row, provider = allowed
        try:
            sent = handler_for(row["channel"], row["operation"])(self.transaction, row, self.providers)
        except (ProviderError, UnknownOperation) as error:
            return partial(self._failed, row=row, error=error)
        except Exception as error:  # a handler bug: recorded on the row and retried, never lost
            log.exception("outbox handler %s/%s raised", row["channel"], row["operation"])
            return partial(self._failed, row=row, error=error)
        return partial(self._record, row=row, sent=sent, provider=provider)

    def _record(
        self, conn: psycopg.Connection, row: Mapping[str, Any], sent: Sent, provider: str | None
    ) -> None:
        if store.mark_sent(conn, row, self.name, sent.provider or provider, sent.result) and sent.record:
            try:
                with conn.transaction():  # a savepoint: the send stays recorded whatever its bookkeeping does
                    sent.record(conn)
            except Exception:
                log.exception("outbox %s was sent, but recording it on the timeline failed", row["id"])

    def _failed(self, conn: psycopg.Connection, row: Mapping[str, Any], error: Exception) -> None:
        final = isinstance(error, UnknownOperation) or (
            isinstance(error, ProviderAPIError) and not error.retryable
        )
        log.warning("outbox %s %s/%s attempt %s failed: %s", row["id"], row["channel"], row["operation"],
                    row["attempts"], error)  # fmt: skip
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
