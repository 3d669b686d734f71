"""Posts the simulated gateways' webhooks to the merchant: on time, late, twice, or not at all."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import httpx

from devstack.sandbox.callbacks import tls
from devstack.sandbox.state import SandboxState

WEBHOOK_TIMEOUT_SECONDS = 10.0


class WebhookFate(StrEnum):
    """What happens to the webhook of a settled payment: lets us exercise reconciliation."""

    DELIVER = "deliver"
    DROP = "drop"
    DUPLICATE = "duplicate"
    DELAY = "delay"  # sent well after the payer was redirected


@dataclass(frozen=True)
class Webhook:
    provider: str
    url: str
    body: bytes
    summary: str
    headers: dict[str, str] = field(default_factory=dict)


class Courier:
    """Sends each webhook from a background task so the payer's redirect never waits for it."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self._tasks: set[asyncio.Task[None]] = set()

    def schedule(self, build: Callable[[], Webhook | None], send_at: float, fate: WebhookFate) -> None:
        """At `send_at` (epoch seconds), build the webhook from the then-current truth and deliver it."""
        task = asyncio.get_running_loop().create_task(self._deliver(build, send_at, fate))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, build: Callable[[], Webhook | None], send_at: float, fate: WebhookFate) -> None:
        await asyncio.sleep(max(0.0, send_at - time.time()))
        webhook = build()
        if webhook is None:
            return
        if fate is WebhookFate.DROP:
            await self._record(webhook, fate, answer="not sent")
            return
        for _ in range(2 if fate is WebhookFate.DUPLICATE else 1):
            await self._record(webhook, fate, answer=await self._post(webhook))

    @staticmethod
    async def _post(webhook: Webhook) -> str:
        """The merchant's HTTP status, or why it could not be reached (shown on the sandbox page)."""
        try:
            async with httpx.AsyncClient(timeout=WEBHOOK_TIMEOUT_SECONDS, verify=tls()) as client:
                response = await client.post(webhook.url, content=webhook.body, headers=webhook.headers)
        except httpx.HTTPError as error:
            return f"unreachable: {error!r}"
        return str(response.status_code)

    async def _record(self, webhook: Webhook, fate: WebhookFate, answer: str) -> None:
        payload = {"url": webhook.url, "headers": webhook.headers, "body": webhook.body.decode()}
        summary = f"webhook {webhook.summary} ({fate.value}) → {answer}"
        await self.state.add(webhook.provider, "webhook", summary, payload, fate=fate.value, answer=answer)
