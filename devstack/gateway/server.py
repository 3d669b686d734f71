"""Run the gateway with uvicorn: `python -m devstack gateway`."""

from __future__ import annotations

import uvicorn

from devstack.gateway.app import create_gateway
from devstack.gateway.settings import GatewaySettings
from devstack.postgres import Cluster


def serve(cluster: Cluster, port: int | None = None) -> None:
    settings = GatewaySettings.for_cluster(cluster, **({"port": port} if port else {}))
    uvicorn.run(create_gateway(settings), host="127.0.0.1", port=settings.port, log_level="warning")
