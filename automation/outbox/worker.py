"""The outbox worker: claims due rows, sends each outside the claim transaction, records the outcome."""

from __future__ import annotations

import logging
import os
import queue
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from automation.outbox import gate, handlers, store  # handlers: importing it registers them
from automation.outbox.accepted_unread import AcceptedUnread, is_replayable, mark_in_doubt
from automation.outbox.in_doubt import AcceptedEarlier
from automation.outbox.in_flight import InFlight
from automation.outbox.message_records import record_messages
from automation.outbox.registry import Sent, UnknownOperation, handler_for
from automation.outbox.replayed import Replayed, replay_row, unrecorded_reason
from automation.outbox.settings import OutboxSettings
from automation.providers.errors import (
    ProviderAcceptedUnreadable,
    ProviderAPIError,
    ProviderError,
    ProviderUnavailable,
)
from automation.workflows.provider_webhooks import apply_waiting_events, find_waiting_events

log = logging.getLogger(__name__)
Outcome = Callable[[psycopg.Connection], None]


@dataclass(frozen=True)
class Accepted:
    """A send the provider accepted, recorded with the others that completed meanwhile."""

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
        self._outcomes: queue.SimpleQueue[Accepted | Outcome] = queue.SimpleQueue()
        self._recording = threading.Lock()
        self._in_flight = InFlight()

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        with self.pool.connection() as conn, conn.transaction():
            yield conn

    def run_once(self) -> int:
        """Claim one batch and process it to the end; the number of rows claimed."""
        claimed, sends = self._dispatch()
        wait(sends)
        self._record_waiting(block=True)
        return claimed

    def serve(self, stop: threading.Event) -> None:
        """Send until `stop` is set, sleeping on LISTEN outbox (or the poll interval) when idle; a lost
        LISTEN connection (a database restart) is opened again after one poll interval.

        The next batch is claimed while the last one's sends are in flight, with at most one batch waiting
        behind the OUTBOX_CONCURRENCY sends, so sending never pauses for the claim and the gate.
        """
        while not stop.is_set():
            try:
                self._serve_listening(stop)
            except psycopg.OperationalError:
                log.exception("outbox lost its LISTEN connection; connecting again")
                stop.wait(self.settings.outbox_poll_seconds)
        self.executor.shutdown(wait=True)
        self._record_waiting(block=True)

    def _serve_listening(self, stop: threading.Event) -> None:
        with psycopg.connect(self.pool.conninfo, autocommit=True) as listener:
            listener.execute("listen outbox")
            while not stop.is_set():
                claimed, _ = self._batch()
                self._in_flight.wait_until_at_most(self.settings.outbox_concurrency)
                if claimed < self.settings.outbox_batch_size:
                    for _ in listener.notifies(timeout=self.settings.outbox_poll_seconds, stop_after=1):
                        pass

    def _dispatch(self) -> tuple[int, list[Future]]:
        """Claim a batch (one statement), gate it (one transaction) and hand what may go to the senders."""
        with self.pool.connection() as conn:  # autocommit: the claim is its own transaction
            rows = store.claim(
                conn, self.name, self.settings.outbox_batch_size, self.settings.outbox_stale_lock_seconds
            )
        allowed = self._gate(rows) if rows else []
        self._in_flight.add(len(allowed))
        return len(rows), [self.executor.submit(self._send_and_record, *row) for row in allowed]

    def _batch(self) -> tuple[int, list[Future]]:
        """_dispatch, surviving any error: claimed rows stay claimed until their lock goes stale and another
        claim takes them, so the error is logged and the loop goes on (a dead sender thread in a live worker
        process would stop every message without a sign)."""
        try:
            return self._dispatch()
        except psycopg.Error:
            log.exception("outbox batch failed on the database; its rows will be reclaimed")
        except Exception:
            log.exception("outbox batch failed; its rows will be reclaimed when their lock goes stale")
        return 0, []

    def _gate(self, rows: list[dict[str, Any]]) -> list[tuple[Mapping[str, Any], str | None, Any]]:
        """The rows that may go now, with their provider and the providers to send through (for a row found
        sent earlier, its evidence instead; for one accepted unread, its kept answer); skips and holds are
        written, short waits slept.

        The gate takes the buckets' row locks in provider order, so that workers take them in one order.
        """
        allowed, pending = [], rows
        grace = timedelta(seconds=self.settings.outbox_in_doubt_grace_seconds)
        while pending:
            waits: list[tuple[Mapping[str, Any], float]] = []
            with self.transaction() as conn:
                decisions = gate.decide(conn, pending, in_doubt_grace=grace)
                for row, decision in zip(pending, decisions, strict=True):
                    if isinstance(decision, gate.Go):
                        allowed.append((row, decision.provider, self.providers))
                    elif isinstance(decision, gate.Found):
                        found = AcceptedEarlier(decision.provider_message_id, self.providers.links)
                        allowed.append((row, decision.provider, found))
                    elif isinstance(decision, gate.Unread):
                        unread = AcceptedUnread(None, self.providers.links, row["answer"])
                        allowed.append((row, decision.provider, unread))
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

    def _send_and_record(self, row: Mapping[str, Any], provider: str | None, providers: Any) -> None:
        """Send, then record: the outcome joins those waiting, and a sender that finds no one recording
        records them all as one group. The window in which a crash makes a message go twice is one group's
        commit, not a batch."""
        try:
            self._outcomes.put(self._send(row, provider, providers))
            self._record_waiting(block=False)
        finally:
            self._in_flight.finished()

    def _record_waiting(self, *, block: bool) -> None:
        """Record every waiting outcome; without `block`, leave them to the thread already recording."""
        while not self._outcomes.empty() and self._recording.acquire(blocking=block):
            try:
                group = []
                while not self._outcomes.empty():
                    group.append(self._outcomes.get_nowait())
                self._record_group(group)
            finally:
                self._recording.release()

    def _send(self, row: Mapping[str, Any], provider: str | None, providers: Any) -> Accepted | Outcome:
        """Call the row's handler (no transaction open) with `providers`; returns what to record. A row that
        holds a provider's answer (its record failed before) is replayed from it: no provider is called. A 429
        pauses its provider for every worker (gate.pause) before the outcome is queued."""
        seen = row
        if is_replayable(row["answer"]):
            log.info("outbox %s: recording the provider's kept answer, not asking it again", row["id"])
            seen, providers = replay_row(row), Replayed(row["answer"], self.providers.links)
        try:
            sent = handler_for(row["channel"], row["operation"])(self.transaction, seen, providers)
        except (ProviderError, UnknownOperation) as error:
            return partial(self._failed, row=row, error=error, wait=self._pause_for(error))
        except Exception as error:  # a handler bug: recorded on the row and retried, never lost
            log.exception("outbox handler %s/%s raised", row["channel"], row["operation"])
            return partial(self._failed, row=row, error=error)
        if isinstance(providers, AcceptedEarlier):  # AcceptedUnread too
            log.info("outbox %s was accepted by an earlier attempt: recorded, not sent again", row["id"])
            sent = providers.noted(sent)
        return Accepted(row, sent, sent.provider or provider)

    def _record_group(self, group: list[Accepted | Outcome]) -> None:
        """The group's message sends marked in one statement (committed at once: a send stays recorded
        whatever its bookkeeping does), failures in one transaction, then the bookkeeping of the rows still
        held. Sends whose record carries state go with their record (_commit_with_records)."""
        accepted = [o for o in group if isinstance(o, Accepted) and not o.sent.record]
        failed = [o for o in group if not isinstance(o, Accepted)]
        try:
            with self.pool.connection() as conn:
                sends = [(a.row, a.provider, a.sent.result) for a in accepted]
                held = store.mark_sent(conn, self.name, sends) if sends else set()
                if failed:
                    with conn.transaction():
                        for outcome in failed:
                            outcome(conn)
                self._bookkeep(conn, [a for a in accepted if str(a.row["id"]) in held])
        except psycopg.Error:
            log.exception("outbox: %s outcomes not recorded; their rows will be reclaimed", len(group))
        self._commit_with_records([o for o in group if isinstance(o, Accepted) and o.sent.record])

    def _bookkeep(self, conn: psycopg.Connection, accepted: list[Accepted], *, alone: bool = False) -> None:
        """The message sends' records (every timeline message in one statement) and the webhook events that
        arrived before them, in one pipelined transaction; when it fails, each again on its own, so a bad
        record costs only its own bookkeeping. A message whose bookkeeping fails alone stays sent (its
        provider id in outbox.result) with its timeline saying queued (decision 0672)."""
        if not accepted:
            return
        try:
            with conn.transaction(), conn.pipeline():
                self._apply(conn, accepted)
        except Exception:
            if not alone:
                for send in accepted:
                    self._bookkeep(conn, [send], alone=True)
                return
            log.exception(
                "outbox %s was sent, but recording it on the timeline failed", accepted[0].row["id"]
            )

    def _commit_with_records(self, accepted: list[Accepted], *, alone: bool = False) -> None:
        """Sends whose record carries state (a payment link, a refund, an enrollment) are marked sent in their
        record's transaction, so a row is never sent without its record. A failing group (even of one: a
        serialization failure or a dropped connection passes on a second try) is tried one row at a time; a
        row failing alone keeps the provider's answer (_keep_answer)."""
        if not accepted:
            return
        try:
            with self.transaction() as conn:
                held = store.mark_sent(
                    conn, self.name, [(a.row, a.provider, a.sent.result) for a in accepted]
                )
                with conn.pipeline():
                    self._apply(conn, [a for a in accepted if str(a.row["id"]) in held])
        except Exception as error:
            if not alone:
                for send in accepted:
                    self._commit_with_records([send], alone=True)
                return
            (send,) = accepted
            answer = {"provider": send.provider, "result": dict(send.sent.result)}
            try:
                with self.pool.connection() as conn:
                    self._keep_answer(conn, send.row, answer, error)
            except psycopg.Error:  # the row is claimed until its lock goes stale, then sent again (0520)
                log.exception(
                    "outbox %s: the provider's answer was not kept; it will be asked again", send.row["id"]
                )

    def _apply(self, conn: psycopg.Connection, accepted: list[Accepted]) -> None:
        early = [a.sent.early_events for a in accepted if a.sent.early_events]
        waiting = find_waiting_events(conn, early)
        record_messages(conn, [a.sent.message for a in accepted if a.sent.message])
        for send in accepted:
            if send.sent.record:
                send.sent.record(conn)
        apply_waiting_events(conn, waiting)

    def _keep_answer(
        self, conn: psycopg.Connection, row: Mapping[str, Any], answer: Mapping[str, Any], error: Exception
    ) -> None:
        """The provider answered but recording it failed: the row keeps the answer and is recorded from it
        after the usual backoff, or is dead-lettered once its attempts are used up, saying what to do."""
        log.warning(
            "outbox %s: %s accepted it, but recording it failed: %s", row["id"], answer["provider"], error
        )
        dead = row["attempts"] >= row["max_attempts"]
        why, delay = unrecorded_reason(answer, error, dead=dead), self._delay(row, error)
        store.mark_unrecorded(conn, row, self.name, answer, why, delay_seconds=delay, dead=dead)

    def _pause_for(self, error: Exception) -> float | None:
        """After a 429, the seconds its provider is paused for every worker (gate.pause); else None. A pause
        the database refuses leaves the row's own Retry-After."""
        if not (isinstance(error, ProviderAPIError) and error.status == 429):
            return None
        try:
            with self.pool.connection() as conn:
                return gate.pause(conn, error.provider, error.retry_after)
        except psycopg.Error:
            log.exception("outbox could not pause %s after its 429", error.provider)
            return None

    def _failed(
        self, conn: psycopg.Connection, row: Mapping[str, Any], error: Exception, wait: float | None = None
    ) -> None:
        """Record a failed send: kept in doubt when the provider accepted it unread, dead when final, else
        due again after the backoff (and `wait`, a 429's pause)."""
        if is_replayable(row["answer"]):
            self._keep_answer(conn, row, row["answer"], error)  # its record failed: never asked again
            return
        if isinstance(error, ProviderAcceptedUnreadable):
            log.warning("outbox %s: %s; kept in doubt, not sent again", row["id"], error)
            mark_in_doubt(conn, row, self.name, error, evidenced=row["channel"] in gate.EVIDENCED)
            return
        final = isinstance(error, UnknownOperation) or (
            isinstance(error, ProviderAPIError) and not error.retryable
        )
        log.warning("outbox %s %s/%s attempt %s failed: %s", row["id"], row["channel"], row["operation"],
                    row["attempts"], error)  # fmt: skip
        throttled = isinstance(error, ProviderAPIError) and error.status == 429
        if final or (row["attempts"] >= row["max_attempts"] and not throttled):
            store.mark_dead(conn, row, self.name, str(error))
        else:
            delay, in_doubt = self._delay(row, error, wait), isinstance(error, ProviderUnavailable)
            store.mark_retry(conn, row, self.name, str(error), delay, in_doubt=in_doubt, throttled=throttled)

    def _delay(self, row: Mapping[str, Any], error: Exception, wait: float | None = None) -> float:
        if wait is None and isinstance(error, ProviderAPIError):
            wait = error.retry_after
        s = self.settings
        return store.backoff_seconds(
            row["attempts"], s.outbox_backoff_base_seconds, s.outbox_backoff_max_seconds, wait
        )
