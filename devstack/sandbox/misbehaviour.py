"""Applies the configured latency, failures and 429s before a provider route answers."""

from __future__ import annotations

import asyncio

from starlette.responses import JSONResponse, Response

from devstack.sandbox.state import SandboxState


async def maybe_misbehave(state: SandboxState) -> Response | None:
    """None to go on normally, or the error response to send instead."""
    behaviour = state.behaviour
    if behaviour.latency_ms:
        await asyncio.sleep(behaviour.latency_ms / 1000)
    roll = state.random.random()
    if roll < behaviour.rate_limit_rate:
        return JSONResponse(
            {"errors": [{"field": None, "message": "too many requests"}]},
            status_code=429,
            headers={"Retry-After": str(behaviour.retry_after_seconds)},
        )
    if roll < behaviour.rate_limit_rate + behaviour.failure_rate:
        return JSONResponse({"errors": [{"field": None, "message": "internal error"}]}, status_code=500)
    return None
