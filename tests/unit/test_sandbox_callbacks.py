"""The sandbox's callback clients share one TLS context: building one per client loads the CA bundle
(tens of ms of CPU on the loop that serves the providers' APIs, which stalled them under many callbacks)."""

from __future__ import annotations

import asyncio
import ssl

import httpx

from devstack.sandbox import callbacks
from devstack.sandbox.state import SandboxState


def test_every_callback_client_reuses_the_same_tls_context(monkeypatch):
    contexts = []
    real_client = httpx.AsyncClient

    def recording_client(**options):
        contexts.append(options.get("verify"))
        return real_client(**options)

    monkeypatch.setattr(httpx, "AsyncClient", recording_client)

    async def two_callbacks() -> list[int | None]:
        state = SandboxState("http://127.0.0.1:9")  # nothing listens: each callback is noted unreachable
        record = await state.add("sendgrid", "email", "a test email", {})
        path = "/webhooks/sendgrid/events"
        return [await callbacks.post(state, record, "delivered", path) for _ in range(2)]

    assert asyncio.run(two_callbacks()) == [None, None]
    assert len(contexts) == 2
    assert contexts[0] is contexts[1]
    assert isinstance(contexts[0], ssl.SSLContext)
