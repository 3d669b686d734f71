"""The settings of the running stack as KEY=VALUE lines, for .env files and scripts."""

from __future__ import annotations

from devstack.keys import api_key
from devstack.postgres import Cluster
from devstack.sandbox.server import sandbox_environment

GATEWAY_PORT = 54321
AUTOMATION_PORT = 5000
WEB_PORT = 5173


def stack_environment(cluster: Cluster) -> dict[str, str]:
    """Every variable the service and the frontend read, pointing at this stack."""
    state = cluster.state
    supabase_url = f"http://127.0.0.1:{GATEWAY_PORT}"
    anon_key = api_key(state.jwt_secret, "anon")
    automation_url = f"http://127.0.0.1:{AUTOMATION_PORT}"
    return {
        "APP_ENV": "development",
        "SUPABASE_URL": supabase_url,
        "SUPABASE_ANON_KEY": anon_key,
        "SUPABASE_SERVICE_ROLE_KEY": api_key(state.jwt_secret, "service_role"),
        "SUPABASE_JWT_SECRET": state.jwt_secret,
        "SUPABASE_DB_URL": cluster.url(),
        "AUTOMATION_URL": automation_url,
        "AUTOMATION_INTERNAL_SECRET": state.internal_secret,
        "CORS_ALLOWED_ORIGINS": f"http://127.0.0.1:{WEB_PORT},http://localhost:{WEB_PORT}",
        "WEB_APP_URL": f"http://127.0.0.1:{WEB_PORT}",
        "PAYMENT_RETURN_URL": f"http://127.0.0.1:{WEB_PORT}/pay/result",
        "VITE_SUPABASE_URL": supabase_url,
        "VITE_SUPABASE_ANON_KEY": anon_key,
        "VITE_AUTOMATION_URL": automation_url,
        **sandbox_environment(state),
    }


def render(variables: dict[str, str]) -> str:
    return "".join(f"{key}={value}\n" for key, value in variables.items())
