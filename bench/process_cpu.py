"""CPU seconds spent by groups of processes, read from /proc: what a request costs, whatever the load.

Requests per second on a shared machine move with everyone else's work; the CPU a request takes in
the server, the database and the client moves far less, so the benchmarks print both.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

from devstack.postgres import Cluster

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    # The command name (field 2) may hold spaces; everything after its closing parenthesis splits.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid: int) -> float:
    """User plus system time of a process (all its threads); 0 once it has gone."""
    try:
        fields = _stat_fields(pid)
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(parent: int) -> list[int]:
    """The processes whose parent is `parent`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat_fields(int(entry.name))[1]) == parent:
                    found.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError):
                continue
    return found


def postmaster_pid(data_dir: Path) -> int:
    """The PostgreSQL server's pid, from the first line of postmaster.pid."""
    return int((data_dir / "postmaster.pid").read_text().splitlines()[0])


Probe = Callable[[], dict[str, float]]
Group = int | Callable[[], list[int]]  # a parent pid (with its children), or the pids when read


def pids_of(group: Group) -> list[int]:
    """The processes of a group as they are now."""
    return group() if callable(group) else [group, *children(group)]


def probe(groups: dict[str, Group], own: str = "client") -> Probe:
    """CPU seconds so far of each group, and of this process under the name `own`. A process that ended
    takes its CPU with it: keep what must be counted alive until after the reading."""

    def read() -> dict[str, float]:
        spent = {name: sum(cpu_seconds(pid) for pid in pids_of(group)) for name, group in groups.items()}
        return {**spent, own: time.process_time()}

    return read


def database_backends(cluster: Cluster, name: str) -> list[int]:
    """The server processes of the connections to database `name` (a group counting that database's work
    alone, not the other databases' of the cluster, nor their sessions that end meanwhile)."""
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        query = "select pid from pg_stat_activity where datname = %s"
        return [pid for (pid,) in conn.execute(query, (name,))]
