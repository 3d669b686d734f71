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
from dataclasses import dataclass
from functools import partial
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from automation.outbox import gate, handlers, store  # handlers: importing it registers them
from automation.outbox.registry import Sent, UnknownOperation, handler_for
from automation.outbox.settings import OutboxSettings
from automation.providers.errors import ProviderAPIError, ProviderError
from automation.workflows.provider_webhooks import retry_waiting_events

log = logging.getLogger(__name__)
Outcome = Callable[[psycopg.Connection], None]


@dataclass(frozen=True)
class _Sent:
    """A send the provider accepted, recorded with the batch's others."""

    row: Mapping[str, Any]
    sent: Sent
    provider: str | None


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

        Three transactions per batch, each a few round trips whatever the batch's size: the claim (one
        statement), the gate (skips and holds written), the outcomes (pipelined).
        """
        with self.pool.connection() as conn:  # autocommit: one statement, its own transaction
            rows = store.claim(
                conn, self.name, self.settings.outbox_batch_size, self.settings.outbox_stale_lock_seconds
            )
        if not rows:
            return 0
        allowed = self._gate(rows)
        outcomes = list(self.executor.map(self._send, allowed))
        with self.transaction() as conn, conn.pipeline():
            self._record(conn, [o for o in outcomes if isinstance(o, _Sent)])
            for outcome in outcomes:
                if not isinstance(outcome, _Sent):
                    outcome(conn)
        return len(rows)

    def serve(self, stop: threading.Event) -> None:
        """Process batches until `stop` is set, sleeping on LISTEN outbox (or the poll interval) when idle."""
        with psycopg.connect(self.pool.conninfo, autocommit=True) as listener:
            listener.execute("listen outbox")
            while not stop.is_set():
                if self._batch() < self.settings.outbox_batch_size:
                    for _ in listener.notifies(timeout=self.settings.outbox_poll_seconds, stop_after=1):
                        pass
        self.executor.shutdown(wait=True)

    def _batch(self) -> int:
        """run_once, surviving a database error: the batch's rows stay claimed until their lock goes stale
        and another claim sends them, so the error is logged and the loop goes on."""
        try:
            return self.run_once()
        except psycopg.Error:
            log.exception("outbox batch failed on the database; its rows will be reclaimed")
            return 0

    def _gate(self, rows: list[dict[str, Any]]) -> list[tuple[Mapping[str, Any], str | None]]:
        """The rows that may go now, with their provider; skips and holds are written, short waits slept.

        The gate takes the buckets' row locks in provider order, so that workers take them in one order.
        """
        allowed, pending = [], rows
        while pending:
            waits: list[tuple[Mapping[str, Any], float]] = []
            with self.transaction() as conn:
                for row, decision in zip(pending, gate.decide(conn, pending), strict=True):
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

    def _send(self, allowed: tuple[Mapping[str, Any], str | None]) -> Outcome | _Sent:
        """Call the row's handler (no transaction open); the outcome is written later with the batch's."""
        row, provider = allowed
        try:
            sent = handler_for(row["channel"], row["operation"])(self.transaction, row, self.providers)
        except (ProviderError, UnknownOperation) as error:
            return partial(self._failed, row=row, error=error)
        except Exception as error:  # a handler bug: recorded on the row and retried, never lost
            log.exception("outbox handler %s/%s raised", row["channel"], row["operation"])
            return partial(self._failed, row=row, error=error)
        return _Sent(row, sent, sent.provider or provider)

    def _record(self, conn: psycopg.Connection, sends: list[_Sent]) -> None:
        """Mark the batch's sends in one statement, then run the records of the rows this worker still held
        and apply the webhook events that arrived before them."""
        held = store.mark_sent(conn, self.name, [(s.row, s.provider, s.sent.result) for s in sends])
        recorded = [s for s in sends if str(s.row["id"]) in held]
        for send in recorded:
            if send.sent.record:
                send.sent.record(conn)
        retry_waiting_events(conn, [s.sent.early_events for s in recorded if s.sent.early_events])

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
