"""Run the gateway with uvicorn: `python -m devstack gateway`."""

from __future__ import annotations

from pathlib import Path

import uvicorn

from devstack.gateway.app import create_gateway
from devstack.gateway.settings import GatewaySettings
from devstack.postgres import Cluster


def serve(
    cluster: Cluster, port: int | None = None, database: str | None = None, supabase_dir: Path | None = None
) -> None:
    overrides = {"port": port, "db_name": database, "supabase_dir": supabase_dir}
    settings = GatewaySettings.for_cluster(cluster, **{k: v for k, v in overrides.items() if v})
    # Realtime's Phoenix endpoint does not compress websocket frames (Phoenix's default); compressing
    # each frame for every subscriber would cost the gateway CPU on every fan-out.
    uvicorn.run(
        create_gateway(settings),
        host="127.0.0.1",
        port=settings.port,
        log_level="warning",
        ws_per_message_deflate=False,
    )
