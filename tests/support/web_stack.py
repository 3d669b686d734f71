"""The whole local stack for browser tests: seeded database, gateway, sandbox and service, on free ports."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import make_server

from automation import create_app
from devstack import databases
from devstack.gateway.settings import GatewaySettings
from devstack.postgres import Cluster
from devstack.sandbox.app import create_sandbox, provider_environment
from devstack.sandbox.secrets import SecretSource
from tests.support.databases import cloned_database
from tests.support.gateway import free_port, free_port_socket, running_gateway
from tests.support.servers import bound_socket, serving
from tests.support.settings import settings_for_tests

SANDBOX_SECRET = "web-stack-sandbox"


@dataclass(frozen=True)
class WebStack:
    supabase_url: str
    anon_key: str
    automation_url: str
    sandbox_url: str
    db_url: str
    app_port: int


@contextmanager
def serving_flask(app: object) -> Iterator[str]:
    """The Flask app under werkzeug's threaded server on a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@contextmanager
def web_stack(cluster: Cluster, template_db: str, storage_dir: Path) -> Iterator[WebStack]:
    """A clone of the template with the demo seed, and every server the web app talks to."""
    with ExitStack() as stack:
        name = stack.enter_context(cloned_database(cluster, template_db))
        databases.load_seed(cluster, name)
        sock, port = free_port_socket()
        gateway = GatewaySettings.for_cluster(cluster, db_name=name, port=port, storage_dir=storage_dir)
        supabase_url = stack.enter_context(running_gateway(gateway, sock))
        sandbox_sock = bound_socket()
        sandbox_url = f"http://127.0.0.1:{sandbox_sock.getsockname()[1]}"
        providers = provider_environment(SecretSource(SANDBOX_SECRET), sandbox_url)
        app_port = free_port()
        settings = settings_for_tests(
            supabase_url=supabase_url,
            supabase_anon_key=gateway.anon_key,
            supabase_service_role_key=gateway.service_role_key,
            supabase_jwt_secret=gateway.jwt_secret,
            supabase_db_url=cluster.url(database=name),
            cors_allowed_origins=(f"http://127.0.0.1:{app_port}",),
            **{key.lower(): value for key, value in providers.items()},
        )
        automation_url = stack.enter_context(serving_flask(create_app(settings)))
        sandbox = create_sandbox(automation_url, secret=SANDBOX_SECRET)
        stack.enter_context(serving(sandbox, sandbox_sock))
        yield WebStack(
            supabase_url, gateway.anon_key, automation_url, sandbox_url, cluster.url(database=name), app_port
        )
