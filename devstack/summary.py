"""What `./scripts/run` prints once the stack is up: where everything is and how to sign in."""

from __future__ import annotations

from devstack.databases import admin_connect
from devstack.environment import stack_environment
from devstack.keys import opaque_key
from devstack.postgres import Cluster
from devstack.sandbox.server import sandbox_url

DEMO_PASSWORD = "coachbase-demo"  # noqa: S105 - the seed's local-only demo accounts


def demo_logins(cluster: Cluster, limit_per_role: int = 2) -> list[tuple[str, str]]:
    """(role, email) of a few seeded accounts per role, admins first."""
    with admin_connect(cluster) as conn:
        rows = conn.execute(
            """
            select role, email from (
              select raw_app_meta_data ->> 'role' as role, email,
                     row_number() over (partition by raw_app_meta_data ->> 'role' order by email) as n
                from auth.users where email like %s
            ) ranked
            where n <= %s
            order by array_position(array['admin', 'instructor', 'student'], role), email
            """,
            ("%@demo.coachbase.test", limit_per_role),
        ).fetchall()
    return [(role or "user", email) for role, email in rows]


def render_summary(cluster: Cluster) -> str:
    env = stack_environment(cluster)
    lines = [
        "",
        "Coachbase is running on devstack:",
        f"  Supabase API        {env['SUPABASE_URL']}  (auth, rest, storage, realtime, functions)",
        f"  automation service  {env['AUTOMATION_URL']}  (health: {env['AUTOMATION_URL']}/health)",
        f"  provider sandbox    {sandbox_url()}  (every email, WhatsApp message and call sent)",
        f"  database            {env['SUPABASE_DB_URL']}",
        f"  anon key            {env['SUPABASE_ANON_KEY']}",
        f"  service role key    {env['SUPABASE_SERVICE_ROLE_KEY']}",
        f"  publishable key     {opaque_key(cluster.state.jwt_secret, 'publishable')}",
        f"  secret key          {opaque_key(cluster.state.jwt_secret, 'secret')}",
        "  settings            written to .env (python -m devstack env prints them)",
    ]
    logins = demo_logins(cluster)
    if logins:
        lines.append(f"Demo logins (password: {DEMO_PASSWORD}):")
        lines += [f"  {role:<11} {email}" for role, email in logins]
    else:
        lines.append("No demo accounts in the database (python -m devstack db reset loads the seed).")
    return "\n".join(lines) + "\n"
