"""The whole local stack for browser tests: seeded database, gateway, sandbox, service and worker.

The service runs as in production: its web process (werkzeug's threaded server) and its worker (the outbox
sender and the scheduled ticks) in threads; the sandbox calls the service's webhooks back, and Auth's mail
(invites, resets) goes to the sandbox's SendGrid, so a test reads it there like a person reads their inbox.
"""

from __future__ import annotations

import base64
import secrets
import socket
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask
from werkzeug.serving import make_server

from automation import create_app
from automation.outbox.background import start_outbox_worker
from automation.scheduler import add_ticks
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
# Messages may go at any hour here, so that no test's outcome depends on the clock (quiet hours hold
# WhatsApp and calls outside 09:00-21:00 by default).
ALL_DAY = (
    "update public.automation_settings set quiet_hours_start = '00:00', quiet_hours_end = '23:59:59.999'"
)


@dataclass(frozen=True)
class WebStack:
    supabase_url: str
    anon_key: str
    automation_url: str
    sandbox_url: str
    db_url: str
    app_url: str  # where the test serves the built web app: links in mail and payment returns point here


@contextmanager
def serving_flask(app: Flask, sock: socket.socket | None = None) -> Iterator[str]:
    """The Flask app under werkzeug's threaded server on a free port (or the bound `sock`); yields its URL."""
    sock = sock or bound_socket()
    sock.listen()
    port = sock.getsockname()[1]
    server = make_server("127.0.0.1", port, app, threaded=True, fd=sock.fileno())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        thread.join()
        sock.close()


@contextmanager
def running_worker(app: Flask) -> Iterator[None]:
    """The worker process's work in threads: the outbox sender and every scheduled tick."""
    outbox = start_outbox_worker(app)
    scheduler = BackgroundScheduler(timezone="UTC")
    add_ticks(scheduler, app)
    scheduler.start()
    try:
        yield
    finally:
        scheduler.shutdown(wait=True)
        outbox.stop()


@contextmanager
def web_stack(cluster: Cluster, template_db: str, storage_dir: Path) -> Iterator[WebStack]:
    """A clone of the template with the demo seed, and every server the web app talks to."""
    with ExitStack() as stack:
        name = stack.enter_context(cloned_database(cluster, template_db))
        databases.load_seed(cluster, name)
        db_url = cluster.url(database=name)
        with psycopg.connect(db_url) as conn:
            conn.execute(ALL_DAY)
        app_url = f"http://127.0.0.1:{free_port()}"
        sandbox_sock, service_sock = bound_socket(), bound_socket()
        sandbox_url = f"http://127.0.0.1:{sandbox_sock.getsockname()[1]}"
        automation_url = f"http://127.0.0.1:{service_sock.getsockname()[1]}"
        providers = provider_environment(SecretSource(SANDBOX_SECRET), sandbox_url)
        sock, port = free_port_socket()
        gateway = GatewaySettings.for_cluster(
            cluster,
            db_name=name,
            port=port,
            storage_dir=storage_dir,
            site_url=app_url,
            mail_api_base=providers["SENDGRID_API_BASE"],
            mail_api_key=providers["SENDGRID_API_KEY"],
        )
        supabase_url = stack.enter_context(running_gateway(gateway, sock))
        settings = settings_for_tests(
            supabase_url=supabase_url,
            supabase_anon_key=gateway.anon_key,
            supabase_service_role_key=gateway.service_role_key,
            supabase_jwt_secret=gateway.jwt_secret,
            supabase_db_url=db_url,
            automation_url=automation_url,
            web_app_url=app_url,
            payment_return_url=f"{app_url}/pay/result",
            cors_allowed_origins=(app_url,),
            credentials_key=base64.b64encode(secrets.token_bytes(32)).decode(),
            **{key.lower(): value for key, value in providers.items()},
        )
        app = create_app(settings)
        stack.enter_context(serving_flask(app, service_sock))
        stack.enter_context(serving(create_sandbox(automation_url, secret=SANDBOX_SECRET), sandbox_sock))
        stack.enter_context(running_worker(app))
        yield WebStack(supabase_url, gateway.anon_key, automation_url, sandbox_url, db_url, app_url)
