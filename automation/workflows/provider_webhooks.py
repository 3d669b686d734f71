"""Verified provider webhooks acted on once: the raw event stored, then applied, in one transaction."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import psycopg
from psycopg.rows import tuple_row
from psycopg.types.json import Jsonb

from automation.webhooks import aisensy, bolna, sendgrid
from automation.webhooks.events import InboundMessage, StatusUpdate
from automation.workflows import delivery, inbound
from automation.workflows.webhook_events import Stored, finish_event, record_event

log = logging.getLogger(__name__)
SENDGRID_INBOUND = "sendgrid_inbound"
SWEPT_PROVIDERS = (sendgrid.PROVIDER, SENDGRID_INBOUND, aisensy.PROVIDER, "bolna")
NOT_YET = "no message of ours matches yet; recording the send (or a redelivery) will try again"
WAITING = """
select w.provider, w.event_id, w.raw_body from public.webhook_events w
 where w.processed_at is null and w.error = %s
   and exists (select 1 from jsonb_to_recordset(%s) as s(provider text, id text)
                where s.provider = w.provider and strpos(w.raw_body, s.id) > 0)
 order by w.received_at
   for update of w skip locked
"""
Act = Callable[[psycopg.Connection], bool]


@dataclass(frozen=True)
class RawEvent:
    provider: str
    event_id: str
    event_type: str | None
    raw: str
    headers: Mapping[str, str]
    verified: bool = True  # False when only a secret path or source address vouches for it


def handle_event(conn: psycopg.Connection, event: RawEvent, act: Act) -> Stored:
    """Store the event once and act on it unless it was already acted on; a replay changes nothing. Acting
    runs in a savepoint: when it fails (e.g. an inbound address our tables refuse), the raw event is kept
    with the error, unprocessed, for the sweep to try again and an admin to see."""
    stored = record_event(
        conn, event.provider, event.event_id, event.event_type,
        verified=event.verified, headers=event.headers, raw_body=event.raw,
    )  # fmt: skip
    if stored != Stored.DONE:
        try:
            with conn.transaction():
                acted = act(conn)
        except psycopg.Error as error:
            log.exception("%s event %s stored, but acting on it failed", event.provider, event.event_id)
            finish_event(conn, event.provider, event.event_id, f"{type(error).__name__}: {error}"[:1000])
            return stored
        finish_event(conn, event.provider, event.event_id, None if acted else NOT_YET)
    return stored


def sendgrid_events(conn: psycopg.Connection, body: bytes, headers: Mapping[str, str]) -> list[Stored]:
    """A signed Event Webhook batch: each event stored and applied on its own id."""
    updates = sendgrid.parse_events(body)
    raws = [json.dumps(raw) for raw in json.loads(body)]
    return [
        handle_event(conn, RawEvent(sendgrid.PROVIDER, u.event_id, u.event, raw, headers), _apply(u))
        for u, raw in zip(updates, raws, strict=True)
    ]


def sendgrid_inbound(conn: psycopg.Connection, form: Mapping[str, str], headers: Mapping[str, str]) -> Stored:
    """An Inbound Parse post (a contact's email reply)."""
    message = sendgrid.parse_inbound(form)
    event = RawEvent(SENDGRID_INBOUND, message.event_id, "inbound", json.dumps(dict(form)), headers)
    return handle_event(conn, event, _receive(message))


def aisensy_event(conn: psycopg.Connection, body: bytes, headers: Mapping[str, str]) -> Stored:
    """A status update or an incoming WhatsApp message; other topics are stored and left alone."""
    parsed = aisensy.parse(body)
    envelope = json.loads(body)
    act = _receive(parsed) if isinstance(parsed, InboundMessage) else _apply(parsed)
    event = RawEvent(aisensy.PROVIDER, str(envelope["id"]), str(envelope["topic"]), body.decode(), headers)
    return handle_event(conn, event, act)


def bolna_event(
    conn: psycopg.Connection, body: bytes, headers: Mapping[str, str], *, verified: bool
) -> Stored:
    """A call's execution changed."""
    update = bolna.parse_update(body)
    event = RawEvent("bolna", update.event_id, update.execution.status, body.decode(), headers, verified)
    return handle_event(conn, event, lambda c: delivery.apply_call_update(c, update))


def find_waiting_events(conn: psycopg.Connection, sends: Sequence[tuple[str, str]]) -> psycopg.Cursor | None:
    """Look up (and lock) the events that arrived before these sends (provider, provider message id) were
    recorded, a fast provider answering before we commit. In pipeline mode the query goes out with the
    statements that follow; `apply_waiting_events` acts on what it found, in the same transaction."""
    if not sends:
        return None
    given = Jsonb([{"provider": provider, "id": provider_id} for provider, provider_id in sends])
    return conn.cursor(row_factory=tuple_row).execute(WAITING, (NOT_YET, given))


def apply_waiting_events(conn: psycopg.Connection, found: psycopg.Cursor | None) -> int:
    """Act on the events `find_waiting_events` found; returns how many."""
    waiting = found.fetchall() if found is not None else []
    for provider, event_id, raw in waiting:
        finish_event(conn, provider, event_id, None if act_for(provider, raw)(conn) else NOT_YET)
    return len(waiting)


def act_for(provider: str, raw: str) -> Act:
    """How to act on a stored raw event of a messaging provider (one of SWEPT_PROVIDERS)."""
    if provider == sendgrid.PROVIDER:
        return _apply(sendgrid.status_update(json.loads(raw)))
    if provider == SENDGRID_INBOUND:
        return _receive(sendgrid.parse_inbound(json.loads(raw)))
    if provider == aisensy.PROVIDER:
        parsed = aisensy.parse(raw.encode())
        return _receive(parsed) if isinstance(parsed, InboundMessage) else _apply(parsed)
    update = bolna.parse_update(raw.encode())
    return lambda c: delivery.apply_call_update(c, update)


def _apply(update: StatusUpdate | None) -> Act:
    if update is None:
        return lambda _conn: True  # a topic we do not use: stored, nothing to do
    return lambda conn: delivery.apply_status_update(conn, update)


def _receive(message: InboundMessage) -> Act:
    def act(conn: psycopg.Connection) -> bool:
        inbound.receive(conn, message)
        return True

    return act
