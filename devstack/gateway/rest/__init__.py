"""`/rest/v1`: a PostgREST-compatible API over the gateway's database (B.1-B.7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devstack.gateway.rest.api import RestApi

if TYPE_CHECKING:
    from starlette.types import ASGIApp

    from devstack.gateway.app import GatewayContext


def create_rest_api(context: GatewayContext) -> ASGIApp:
    """The REST API's ASGI app, for `api_mounts()`."""
    return RestApi(context).app
