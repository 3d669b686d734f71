"""What the sandbox remembers (every request it accepted) and how it misbehaves on purpose."""

from __future__ import annotations

import asyncio
import itertools
import random
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass
class Behaviour:
    """Knobs for exercising retries: extra latency, random failures, and rate-limit answers."""

    latency_ms: int = 0
    failure_rate: float = 0.0  # share of requests answered 500
    rate_limit_rate: float = 0.0  # share of requests answered 429 with Retry-After
    retry_after_seconds: int = 1
    webhook_delay_ms: int = 50  # pause before a provider calls our webhooks back


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

    def __init__(self, webhook_base: str, seed: int | None = None) -> None:
        self.webhook_base = webhook_base.rstrip("/")
        self.behaviour = Behaviour()
        self.random = random.Random(seed)  # noqa: S311 - simulated failures, not security
        self.records: list[Record] = []
        self._ids = itertools.count(1)
        self.changed = asyncio.Condition()

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
        async with self.changed:
            self.changed.notify_all()
        return record

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
