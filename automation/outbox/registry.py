"""Which handler sends an outbox row: a registry keyed by (channel, operation) that the worker dispatches on.

A handler runs outside any transaction, talks to one provider, and returns `Sent`:

    @handles("payments", "create_payment_link")
    def create_link(conn_factory, row, providers) -> Sent: ...

`conn_factory()` opens one transaction (a context manager yielding a connection) for reads the handler
needs; `row` is the claimed outbox row (a dict); `providers` is `automation.providers.bootstrap.Providers`.
`Sent.record(conn)`, if given, runs in the same transaction that marks the row `sent`, so domain rows and
the outbox change together (that transaction is pipelined: `record` should write, not read, as each
read waits for a round trip). When that transaction fails, the row keeps `Sent.result` as the provider's
answer (outbox.answer) and a later claim runs the handler again against `automation.outbox.replayed.Replayed`,
which answers its provider call from that result: `result` must carry what `record` takes from the
provider's answer (decision 0672). A timeline message sets `Sent.message` instead: the worker records all the
messages of a group in one statement (`automation.outbox.message_records`). `Sent.early_events` names the
provider message whose webhook events, stored before the send was recorded, the worker applies in that
transaction. Handlers raise `automation.providers.errors.ProviderError` on failure; the worker decides
whether to retry. A module registering handlers is imported by `automation.outbox.handlers`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

import psycopg

ConnFactory = Callable[[], AbstractContextManager[psycopg.Connection]]


@dataclass(frozen=True)
class SentMessage:
    """A timeline message the provider accepted: marked sent, with its channel log row (`log`: that
    table's columns, see automation.outbox.message_records), together with the group's others."""

    crm_message_id: str
    channel: str
    provider: str
    provider_message_id: str
    log: Mapping[str, Any]
    subject: str | None = None  # shown on the timeline, for a message rendered at send time
    body: str | None = None


@dataclass(frozen=True)
class Sent:
    """What the provider accepted: stored as outbox.result; `record` updates our rows in the same commit."""

    result: Mapping[str, Any] = field(default_factory=dict)
    provider: str | None = None
    record: Callable[[psycopg.Connection], None] | None = None
    message: SentMessage | None = None
    early_events: tuple[str, str] | None = None  # (provider, provider message id)


Handler = Callable[[ConnFactory, Mapping[str, Any], Any], Sent]
HANDLERS: dict[tuple[str, str], Handler] = {}


class UnknownOperation(LookupError):
    """No handler is registered for an outbox row's (channel, operation)."""


def handles(channel: str, operation: str) -> Callable[[Handler], Handler]:
    """Register the decorated function for (channel, operation); raises ValueError on a second one."""

    def register(handler: Handler) -> Handler:
        if (channel, operation) in HANDLERS:
            raise ValueError(f"a handler for {channel}/{operation} is already registered")
        HANDLERS[(channel, operation)] = handler
        return handler

    return register


def handler_for(channel: str, operation: str) -> Handler:
    try:
        return HANDLERS[(channel, operation)]
    except KeyError:
        raise UnknownOperation(
            f"no outbox handler for {channel}/{operation}; register one with"
            " automation.outbox.registry.handles"
        ) from None
