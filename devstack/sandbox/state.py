"""What the sandbox remembers (every request it accepted) and how it misbehaves on purpose."""

from __future__ import annotations

import asyncio
import itertools
import random
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from devstack.sandbox.secrets import SecretSource


@dataclass
class Behaviour:
    """Knobs for exercising retries: extra latency, random failures, and rate-limit answers."""

    latency_ms: int = 0
    failure_rate: float = 0.0  # share of requests answered 500
    rate_limit_rate: float = 0.0  # share of requests answered 429 with Retry-After
    retry_after_seconds: int = 1
    webhook_delay_ms: int = 50  # pause before a provider calls our webhooks back
    unhappy_rate: float = 0.0  # share of messages and calls that end badly (bounce, failed, no-answer...)


@dataclass
class Record:
    """One thing a provider received: an email, a WhatsApp message, a call, a payment request..."""

    id: int
    provider: str
    kind: str
    summary: str
    payload: dict[str, Any]
    received_at: str
    details: dict[str, Any] = field(default_factory=dict)


class SandboxState:
    """In-memory, per process: the sandbox is a development tool and forgets on restart."""

    def __init__(self, webhook_base: str, seed: int | None = None, secret: str | None = None) -> None:
        """`secret` seeds every credential the providers hand out, so that a restart keeps them."""
        self.webhook_base = webhook_base.rstrip("/")
        self.behaviour = Behaviour()
        self.random = random.Random(seed)  # noqa: S311 - simulated failures, not security
        self.secrets = SecretSource(secret or secrets.token_urlsafe(32))
        self.records: list[Record] = []
        self._ids = itertools.count(1)
        self.changed = asyncio.Condition()
        self.tasks: set[asyncio.Task[None]] = set()  # callbacks under way; kept so they are not collected

    async def add(
        self, provider: str, kind: str, summary: str, payload: dict[str, Any], **details: Any
    ) -> Record:
        record = Record(
            id=next(self._ids),
            provider=provider,
            kind=kind,
            summary=summary,
            payload=payload,
            received_at=datetime.now(UTC).isoformat(timespec="milliseconds"),
            details=dict(details),
        )
        self.records.append(record)
        await self.notify()
        return record

    async def notify(self) -> None:
        """Wake whoever follows the records (the page's live updates)."""
        async with self.changed:
            self.changed.notify_all()

    def find(self, provider: str | None = None, kind: str | None = None) -> list[Record]:
        return [
            r
            for r in self.records
            if (provider is None or r.provider == provider) and (kind is None or r.kind == kind)
        ]

    def get(self, record_id: int) -> Record | None:
        return next((r for r in self.records if r.id == record_id), None)

    def clear(self) -> None:
        self.records.clear()

    @staticmethod
    def as_json(record: Record) -> dict[str, Any]:
        return asdict(record)
