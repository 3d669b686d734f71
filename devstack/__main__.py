"""Command line: `python -m devstack db ...`, `env`, `summary`, `gateway`, `sandbox`, `gen-types`,
`functions install`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from devstack import databases
from devstack.environment import AUTOMATION_PORT, render, stack_environment
from devstack.gateway.functions.install import InstallError, install
from devstack.gateway.server import serve
from devstack.migrations import Migration, MigrationError
from devstack.postgres import Cluster, ClusterError
from devstack.sandbox import server as sandbox_server
from devstack.state import REPO_ROOT, load_state
from devstack.summary import render_summary
from devstack.typegen.generate import TYPES_FILE, types_of_fresh_database

MAIN_DATABASE = "postgres"


def _say_applying(migration: Migration) -> None:
    print(f"  applying {migration.path.name}", file=sys.stderr)


def db_start(cluster: Cluster) -> None:
    cluster.start()
    databases.ensure_roles(cluster)
    databases.bootstrap_database(cluster, MAIN_DATABASE)
    print(f"PostgreSQL running at {cluster.url()}", file=sys.stderr)


def db_status(cluster: Cluster) -> int:
    if cluster.is_running():
        print(f"running on port {cluster.port} ({cluster.data_dir})")
        return 0
    print("stopped" if cluster.is_initialized() else "not created")
    return 3


def db_up(cluster: Cluster) -> None:
    """Start, migrate, and seed a database that did not exist before."""
    cluster.start()
    is_new = not databases.database_exists(cluster, MAIN_DATABASE) or not _has_migrations(cluster)
    databases.prepare(cluster, MAIN_DATABASE, seed=is_new, fresh=False, progress=_say_applying)


def _has_migrations(cluster: Cluster) -> bool:
    with databases.admin_connect(cluster, MAIN_DATABASE) as conn:
        history = conn.execute("select to_regclass('supabase_migrations.schema_migrations')")
        if history.fetchone()[0] is None:
            return False
        return conn.execute("select count(*) from supabase_migrations.schema_migrations").fetchone()[0] > 0


def db_reset(cluster: Cluster) -> None:
    cluster.start()
    databases.prepare(cluster, MAIN_DATABASE, seed=True, fresh=True, progress=_say_applying)
    # pg_cron's scheduler works in this database and ends when it is dropped; only a restart brings it back.
    cluster.stop()
    cluster.start()
    print("database rebuilt and seeded; cluster restarted (pg_cron's scheduler with it)", file=sys.stderr)


def db_migrate(cluster: Cluster) -> None:
    cluster.start()
    databases.prepare(cluster, MAIN_DATABASE, seed=False, fresh=False, progress=_say_applying)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m devstack", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    db = commands.add_parser("db", help="the PostgreSQL cluster")
    db.add_argument("action", choices=["start", "stop", "status", "migrate", "reset", "up", "destroy"])
    commands.add_parser("env", help="print the running stack's settings as KEY=VALUE lines")
    commands.add_parser("summary", help="print URLs, keys and demo logins of the running stack")
    gateway = commands.add_parser("gateway", help="serve Supabase's HTTP APIs on one port (foreground)")
    gateway.add_argument("--port", type=int, default=None)
    gateway.add_argument("--database", default=None, help="serve another database of the cluster")
    gateway.add_argument("--supabase-dir", type=Path, default=None, help="config.toml and functions/")
    sandbox = commands.add_parser("sandbox", help="serve the provider sandbox and its page (foreground)")
    sandbox.add_argument("--port", type=int, default=None)
    commands.add_parser(
        "gen-types", help="write the frontend's database types from a freshly migrated database"
    )
    functions = commands.add_parser("functions", help="edge functions: cache their imports for offline use")
    functions.add_argument("action", choices=["install"])
    functions.add_argument("--refresh-lock", action="store_true", help="rewrite deno.lock after a change")
    return parser.parse_args(argv)


def functions_install(refresh_lock: bool) -> None:
    for name in install(REPO_ROOT / "supabase" / "functions", refresh_lock):
        print(f"  cached the imports of function {name}", file=sys.stderr)


def run_command(args: argparse.Namespace, cluster: Cluster) -> int:
    if args.command == "env":
        sys.stdout.write(render(stack_environment(cluster)))
    elif args.command == "summary":
        sys.stdout.write(render_summary(cluster))
    elif args.command == "gateway":
        cluster.start()
        serve(cluster, args.port, args.database, args.supabase_dir)
    elif args.command == "functions":
        functions_install(args.refresh_lock)
    elif args.command == "sandbox":
        sandbox_server.serve(cluster.state, f"http://127.0.0.1:{AUTOMATION_PORT}", args.port)
    elif args.command == "gen-types":
        cluster.start()
        TYPES_FILE.write_text(types_of_fresh_database(cluster))
        print(f"wrote {TYPES_FILE.relative_to(REPO_ROOT)}", file=sys.stderr)
    elif args.action == "status":
        return db_status(cluster)
    else:
        DB_ACTIONS[args.action](cluster)
    return 0


DB_ACTIONS = {
    "start": db_start,
    "stop": lambda c: c.stop(),
    "migrate": db_migrate,
    "reset": db_reset,
    "up": db_up,
    "destroy": lambda c: c.destroy(),
}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run_command(args, Cluster(load_state()))
    except MigrationError as error:
        print(f"migration failed: {error}", file=sys.stderr)
    except (ClusterError, InstallError) as error:
        print(f"devstack: {error}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
