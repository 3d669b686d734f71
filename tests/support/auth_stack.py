"""A running Auth API for tests: its own database, a SendGrid receiver for its mail, real HTTP."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

import httpx

from devstack.gateway.app import ApiFactory
from devstack.gateway.auth.app import auth_api
from devstack.gateway.auth.settings import AuthSettings
from devstack.gateway.settings import GatewaySettings
from devstack.postgres import Cluster
from tests.support.databases import cloned_database
from tests.support.gateway import free_port_socket, running_gateway
from tests.support.sendgrid_receiver import Inbox, running_receiver

API_VERSION = {"X-Supabase-Api-Version": "2024-01-01"}
# Deterministic by default: no reuse window, no minimum gap between two emails.
TEST_DEFAULTS: dict[str, Any] = {"refresh_token_reuse_interval": 0, "email_max_frequency": 0}


@dataclass
class AuthStack:
    url: str  # the gateway's base URL
    gateway: GatewaySettings
    auth: AuthSettings
    inbox: Inbox
    db_url: str

    def client(self, key: str | None = None, token: str | None = None, **headers: str) -> httpx.Client:
        """An HTTP client for /auth/v1 with an apikey (anon by default) and optionally a bearer token."""
        merged = {"apikey": key or self.gateway.anon_key, **API_VERSION, **headers}
        if token:
            merged["Authorization"] = f"Bearer {token}"
        return httpx.Client(base_url=f"{self.url}/auth/v1", headers=merged, timeout=30)

    def admin(self) -> httpx.Client:
        return self.client(self.gateway.service_role_key)


@contextmanager
def auth_stack(
    cluster: Cluster,
    template_db: str,
    extra_mounts: list[tuple[str, ApiFactory]] | None = None,
    prepare_db: Any = None,
    **auth_overrides: Any,
) -> Iterator[AuthStack]:
    """The gateway serving /auth/v1 (plus `extra_mounts`) over a fresh clone of the template.

    `prepare_db(db_url)` runs before the gateway starts; `auth_overrides` replace AuthSettings fields.
    """
    mail_key = f"SG.{secrets.token_urlsafe(16)}"
    with cloned_database(cluster, template_db) as name, running_receiver(mail_key) as (mail_url, inbox):
        db_url = cluster.url(database=name)
        if prepare_db is not None:
            prepare_db(db_url)
        sock, port = free_port_socket()
        gateway = GatewaySettings.for_cluster(
            cluster, db_name=name, port=port, mail_api_base=mail_url, mail_api_key=mail_key
        )
        auth = AuthSettings.from_gateway(gateway, **{**TEST_DEFAULTS, **auth_overrides})
        mounts = [("/auth/v1", partial(auth_api, settings=auth)), *(extra_mounts or [])]
        with running_gateway(gateway, sock, mounts) as url:
            yield AuthStack(url, gateway, auth, inbox, db_url)
