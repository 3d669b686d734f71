"""Calls our webhooks back as providers do: later, in the background, noting each answer on the record."""

from __future__ import annotations

import asyncio
import functools
import logging
import ssl
from collections.abc import Coroutine
from typing import Any

import httpx

from devstack.sandbox.state import Record, SandboxState

log = logging.getLogger(__name__)

CALLBACK_TIMEOUT_SECONDS = 10.0


@functools.cache
def tls() -> ssl.SSLContext:
    """One TLS context for every callback client: httpx builds one per client otherwise, loading the CA
    bundle each time (about 35 ms of CPU, on the event loop that serves the providers' APIs)."""
    return httpx.create_ssl_context()


def in_background(state: SandboxState, work: Coroutine[Any, Any, None]) -> None:
    """Run `work` after the current response; failures are logged, never lost silently."""
    task = asyncio.get_running_loop().create_task(work)
    state.tasks.add(task)
    task.add_done_callback(_finished)


def _finished(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("sandbox callback task failed", exc_info=task.exception())


async def pause(state: SandboxState) -> None:
    """The provider's delay before it calls back."""
    await asyncio.sleep(state.behaviour.webhook_delay_ms / 1000)


async def post(state: SandboxState, record: Record, event: str, path: str, **request: Any) -> int | None:
    """POST to webhook_base + path (`request` as for httpx: content, data, files, headers).

    Returns the status our service answered, or None when it could not be reached.
    """
    url = state.webhook_base + path
    try:
        async with httpx.AsyncClient(timeout=CALLBACK_TIMEOUT_SECONDS, verify=tls()) as client:
            response = await client.post(url, **request)
        status: int | None = response.status_code
        note = ""
    except httpx.HTTPError as error:
        status, note = None, f"{type(error).__name__}: {error}"
    record.details.setdefault("callbacks", []).append(
        {"event": event, "path": path, "status": status, "error": note}
    )
    await state.notify()
    return status
