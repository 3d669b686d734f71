"""A private PostgreSQL cluster built with the machine's own binaries, shaped like Supabase's."""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from devstack.state import DATA_DIR, REPO_ROOT, StackState

SUPERUSER = "supabase_admin"
PREFERRED_PORT = 54322
SETTINGS_MARKER = "# devstack settings (rewritten at every start)"
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": "''",
    "wal_level": "logical",
    "max_replication_slots": "64",  # one temporary slot per running gateway (realtime)
    "max_wal_senders": "64",
    "shared_preload_libraries": "'pg_cron'",
    "cron.database_name": "'postgres'",
    "max_connections": "200",
    "fsync": "off",  # a disposable development cluster: speed over crash safety
    # Logical decoding (Realtime) only sees flushed WAL; with fsync off a flush is nearly free.
    "synchronous_commit": "on",
    "full_page_writes": "off",
    "timezone": "'UTC'",
    "log_min_messages": "warning",
}


class ClusterError(RuntimeError):
    """The cluster could not be created, started or reached; the message says what to do."""


def find_bindir() -> Path:
    """Return the directory of the newest installed PostgreSQL server binaries."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    found = shutil.which("postgres")
    if found:
        return Path(found).parent
    raise ClusterError("No PostgreSQL server found. Install it: apt-get install postgresql")


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def pick_free_port(preferred: int) -> int:
    if port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _runs_as_root() -> bool:
    return os.geteuid() == 0


def default_data_dir() -> Path:
    """The cluster folder: inside the repository, unless the postgres user cannot reach it.

    As root the server must run as the `postgres` system user, which may not be able to
    enter the checkout (a private temporary folder, say); then a folder under /var/tmp
    keyed by the checkout's path is used instead.
    """
    inside = DATA_DIR / "postgres"
    if not _runs_as_root() or _postgres_user_can_enter(DATA_DIR):
        return inside
    key = hashlib.sha256(str(REPO_ROOT).encode()).hexdigest()[:12]
    return Path("/var/tmp/coachbase-devstack") / key / "postgres"


def _postgres_user_can_enter(folder: Path) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    probe = subprocess.run(
        ["runuser", "-u", "postgres", "--", "test", "-x", str(folder)], capture_output=True, check=False
    )
    return probe.returncode == 0


@dataclass
class Cluster:
    """One private cluster: its binaries, folder and port."""

    state: StackState

    @property
    def bindir(self) -> Path:
        return find_bindir()

    @property
    def data_dir(self) -> Path:
        if not self.state.pg_data_dir:
            self.state.pg_data_dir = str(default_data_dir())
            self.state.save()
        return Path(self.state.pg_data_dir)

    @property
    def port(self) -> int:
        return self.state.db_port

    def url(self, user: str = "postgres", database: str = "postgres") -> str:
        return f"postgresql://{user}:postgres@127.0.0.1:{self.port}/{database}"

    @property
    def superuser_url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if _runs_as_root():
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if check and result.returncode != 0:
            raise ClusterError(f"{args[0]} failed:\n{result.stderr.strip() or result.stdout.strip()}")
        return result

    def is_initialized(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def is_running(self) -> bool:
        ready = self._run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port), check=False)
        return ready.returncode == 0 and self._owns_port()

    def _owns_port(self) -> bool:
        pid_file = self.data_dir / "postmaster.pid"
        if not pid_file.exists():
            return False
        lines = pid_file.read_text().splitlines()
        return len(lines) > 3 and lines[3].strip() == str(self.port)

    def initialize(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if _runs_as_root():
            owner = pwd.getpwnam("postgres")
            for folder in (self.data_dir, *self.data_dir.parents):
                if folder in (Path("/var/tmp"), DATA_DIR.parent) or folder == Path("/"):
                    break
                os.chown(folder, owner.pw_uid, owner.pw_gid)
        self.data_dir.chmod(0o700)
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def _write_server_settings(self) -> None:
        """(Re)write devstack's block of postgresql.auto.conf, so existing clusters get new settings."""
        conf = self.data_dir / "postgresql.auto.conf"
        kept = conf.read_text().split(SETTINGS_MARKER)[0].rstrip("\n")
        settings = "\n".join(f"{key} = {value}" for key, value in SERVER_SETTINGS.items())
        conf.write_text(f"{kept}\n{SETTINGS_MARKER}\n{settings}\n")

    def start(self) -> None:
        """Start the cluster (creating it first if needed); a running one is left alone."""
        if not self.is_initialized():
            self.initialize()
        if self.is_running():
            return
        self._write_server_settings()
        if not port_is_free(self.port):
            self.state.db_port = pick_free_port(PREFERRED_PORT + 100)
            self.state.save()
        log = self.data_dir.parent / "postgres.log"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(log),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {self.port}",
            "start",
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.is_running():
                return
            time.sleep(0.1)
        raise ClusterError(f"PostgreSQL did not accept connections on port {self.port}")

    def stop(self) -> None:
        if self.is_initialized() and (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop", check=False)

    def destroy(self) -> None:
        """Stop the cluster and delete its folder (everything in it is lost)."""
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)
