"""Knobs of the simulated gateways: GET/PUT /_sandbox/api/payments/behaviour, POST .../revoke-tokens."""

from __future__ import annotations

from dataclasses import asdict, fields

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from devstack.sandbox.payments.courier import WebhookFate
from devstack.sandbox.payments.world import PaymentsBehaviour, PaymentsWorld, world_of
from devstack.sandbox.state import SandboxState


def _changed(current: PaymentsBehaviour, changes: object) -> PaymentsBehaviour | str:
    """The behaviour with `changes` applied, or why they cannot be."""
    known = {f.name: f.type for f in fields(PaymentsBehaviour)}
    if not isinstance(changes, dict):
        return "send a JSON object of settings"
    if unknown := set(changes) - set(known):
        return f"unknown settings: {', '.join(sorted(unknown))}"
    merged = {**asdict(current), **changes}
    try:
        merged["webhook"] = WebhookFate(merged["webhook"])
    except ValueError:
        return f"webhook must be one of: {', '.join(f.value for f in WebhookFate)}"
    numbers = {k: v for k, v in merged.items() if k != "webhook"}
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in numbers.values()):
        return "delays and the token lifetime are whole numbers, zero or more"
    return PaymentsBehaviour(**merged)


def control_routes(state: SandboxState) -> list[BaseRoute]:
    world: PaymentsWorld = world_of(state)

    async def get_behaviour(request: Request) -> Response:
        return JSONResponse(asdict(world.behaviour))

    async def set_behaviour(request: Request) -> Response:
        result = _changed(world.behaviour, await request.json())
        if isinstance(result, str):
            return JSONResponse({"error": result}, status_code=400)
        world.behaviour = result
        return JSONResponse(asdict(result))

    async def revoke_tokens(request: Request) -> Response:
        """Make every issued token invalid, as a provider-side rotation would: the next call gets 401."""
        return JSONResponse({"revoked": world.tokens.revoke_all()})

    return [
        Route("/behaviour", get_behaviour, methods=["GET"]),
        Route("/behaviour", set_behaviour, methods=["PUT"]),
        Route("/revoke-tokens", revoke_tokens, methods=["POST"]),
    ]
