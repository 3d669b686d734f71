"""What the gateway needs to know, derived from devstack's state so keys and ports stay stable."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from devstack.keys import api_key, opaque_key
from devstack.postgres import Cluster
from devstack.sandbox.server import sandbox_environment
from devstack.state import DATA_DIR, REPO_ROOT

DEFAULT_PORT = 54321


@dataclass(frozen=True)
class GatewaySettings:
    jwt_secret: str
    db_host: str
    db_port: int
    db_name: str = "postgres"
    port: int = DEFAULT_PORT
    site_url: str = "http://127.0.0.1:5173"
    storage_dir: Path = DATA_DIR / "storage"
    supabase_dir: Path = REPO_ROOT / "supabase"  # config.toml and functions/, as the Supabase CLI reads them
    mail_api_base: str = "http://127.0.0.1:54324/sendgrid"  # the sandbox's SendGrid v3 API
    mail_api_key: str = ""  # the Bearer key that API accepts (the sandbox's SENDGRID_API_KEY)
    exposed_schemas: tuple[str, ...] = ("public",)
    extra_search_path: tuple[str, ...] = ("public", "extensions")
    max_rows: int = 1000
    jwt_expiry: int = 3600
    autoconfirm: bool = True
    storage_file_size_limit: int = 50 * 1024 * 1024  # supabase/config.toml [storage] file_size_limit
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def public_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @cached_property  # the key gate reads these on every request; signing them each time costs ~1 ms
    def anon_key(self) -> str:
        return api_key(self.jwt_secret, "anon")

    @cached_property
    def service_role_key(self) -> str:
        return api_key(self.jwt_secret, "service_role")

    @cached_property
    def publishable_key(self) -> str:
        return opaque_key(self.jwt_secret, "publishable")

    @cached_property
    def secret_key(self) -> str:
        return opaque_key(self.jwt_secret, "secret")

    def db_url(self, user: str) -> str:
        """A connection string for one of the service logins (authenticator, supabase_auth_admin, ...)."""
        return f"postgresql://{user}:postgres@{self.db_host}:{self.db_port}/{self.db_name}"

    @classmethod
    def for_cluster(cls, cluster: Cluster, **overrides: object) -> GatewaySettings:
        """Settings for this stack: Auth's mail goes to the sandbox's SendGrid API with its key."""
        sandbox = sandbox_environment(cluster.state)
        defaults: dict[str, object] = {
            "mail_api_base": sandbox["SENDGRID_API_BASE"],
            "mail_api_key": sandbox["SENDGRID_API_KEY"],
        }
        return cls(
            jwt_secret=cluster.state.jwt_secret,
            db_host="127.0.0.1",
            db_port=cluster.port,
            **{**defaults, **overrides},  # type: ignore[arg-type]
        )
