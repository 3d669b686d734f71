"""The sandbox application: each provider's routes under its own prefix, plus the inspection page and API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, fields

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, StreamingResponse
from starlette.routing import BaseRoute, Mount, Route

from devstack.sandbox import page
from devstack.sandbox.aisensy import AiSensyAccount, AiSensySandbox
from devstack.sandbox.bolna import BolnaAccount, BolnaSandbox
from devstack.sandbox.payments.control import control_routes
from devstack.sandbox.payments.credentials import payment_environment
from devstack.sandbox.payments.instamojo_api import instamojo_routes
from devstack.sandbox.payments.phonepe_api import phonepe_routes
from devstack.sandbox.secrets import SecretSource
from devstack.sandbox.sendgrid import SendGridAccount, SendGridSandbox
from devstack.sandbox.state import Behaviour, SandboxState

DEFAULT_PORT = 54324

# (prefix, factory of the provider's routes). Providers add themselves here.
ProviderRoutes = Callable[[SandboxState], list[BaseRoute]]


def provider_mounts() -> list[tuple[str, ProviderRoutes]]:
    return [
        ("/sendgrid", lambda state: SendGridSandbox(state).routes()),
        ("/aisensy", lambda state: AiSensySandbox(state).routes()),
        ("/bolna", lambda state: BolnaSandbox(state).routes()),
        ("/_sandbox/api/payments", control_routes),
        ("/instamojo", instamojo_routes),
        ("/phonepe", phonepe_routes),
    ]


def provider_environment(secrets: SecretSource, base_url: str) -> dict[str, str]:
    """The service's settings for every provider account the sandbox holds, served from `base_url`."""
    return {
        **SendGridAccount.from_secrets(secrets).environment(base_url + "/sendgrid"),
        **AiSensyAccount.from_secrets(secrets).environment(base_url + "/aisensy"),
        **BolnaAccount.from_secrets(secrets).environment(base_url + "/bolna"),
        **payment_environment(base_url),
    }


async def list_records(request: Request) -> JSONResponse:
    state: SandboxState = request.app.state.sandbox
    found = state.find(request.query_params.get("provider"), request.query_params.get("kind"))
    return JSONResponse([state.as_json(r) for r in found])


async def clear_records(request: Request) -> JSONResponse:
    request.app.state.sandbox.clear()
    return JSONResponse({"cleared": True})


async def get_behaviour(request: Request) -> JSONResponse:
    return JSONResponse(asdict(request.app.state.sandbox.behaviour))


async def set_behaviour(request: Request) -> JSONResponse:
    """Replace some knobs, e.g. {"failure_rate": 0.2}; unknown names are refused."""
    state: SandboxState = request.app.state.sandbox
    changes = await request.json()
    known = {f.name for f in fields(Behaviour)}
    unknown = set(changes) - known
    if unknown:
        return JSONResponse({"error": f"unknown settings: {', '.join(sorted(unknown))}"}, status_code=400)
    state.behaviour = Behaviour(**{**asdict(state.behaviour), **changes})
    return JSONResponse(asdict(state.behaviour))


async def index(request: Request) -> HTMLResponse:
    return HTMLResponse(page.render_index(request.app.state.sandbox))


async def records_fragment(request: Request) -> HTMLResponse:
    return HTMLResponse(page.render_records(request.app.state.sandbox))


async def stream_changes(request: Request) -> StreamingResponse:
    """Server-sent events: one `changed` event whenever a record is added or updated."""
    return StreamingResponse(page.changes(request.app.state.sandbox), media_type="text/event-stream")


def create_sandbox(
    webhook_base: str, mounts: list[tuple[str, ProviderRoutes]] | None = None, secret: str | None = None
) -> Starlette:
    """`webhook_base` is where providers call back: the automation service's base URL.

    `secret` seeds the providers' credentials (see `provider_environment`); random when not given.
    """
    state = SandboxState(webhook_base, secret=secret)
    routes: list[BaseRoute] = [
        Route("/", index),
        Route("/_sandbox/records", records_fragment, methods=["GET"]),
        Route("/_sandbox/api/stream", stream_changes, methods=["GET"]),
        Route("/_sandbox/api/records", list_records, methods=["GET"]),
        Route("/_sandbox/api/records", clear_records, methods=["DELETE"]),
        Route("/_sandbox/api/behaviour", get_behaviour, methods=["GET"]),
        Route("/_sandbox/api/behaviour", set_behaviour, methods=["PUT"]),
    ]
    routes += [Mount(prefix, routes=factory(state)) for prefix, factory in (mounts or provider_mounts())]
    app = Starlette(routes=routes)
    app.state.sandbox = state
    return app
