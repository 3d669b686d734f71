"""What a database's active sessions wait on, sampled from pg_stat_activity while a bench runs."""

from __future__ import annotations

import threading
from collections import Counter

from devstack import databases
from devstack.postgres import Cluster

ACTIVE = """
select coalesce(a.wait_event_type || ':' || a.wait_event, 'on CPU'),
       (select min(l.relation) from pg_locks l where l.pid = a.pid and l.locktype = 'tuple' and l.granted)
  from pg_stat_activity a
 where a.datname = %s and a.state = 'active'
"""
# The waits on a row are told apart by the table of the tuple lock the waiter holds (the first in line for
# a row takes it); relations are named in the sampled database, where their oids mean something.
NAMES = "select oid, oid::regclass::text from pg_class where oid = any(%s)"


class WaitSampler:
    """Samples the active sessions of database `name` every `interval` seconds from a thread, through a
    session of the maintenance database (so that its own backend is not counted among the sampled)."""

    def __init__(self, cluster: Cluster, name: str, interval: float = 0.01) -> None:
        self.cluster, self.name, self.interval = cluster, name, interval
        self.samples, self.events = 0, Counter[tuple[str, int | None]]()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> WaitSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        with databases.admin_connect(self.cluster) as conn:
            while not self._stop.wait(self.interval):
                self.samples += 1
                self.events.update(conn.execute(ACTIVE, (self.name,)).fetchall())

    def summary(self, top: int = 8) -> str:
        """Active sessions per sample on average, and the largest shares of them by wait event (a wait on a
        row lock with the table of the row)."""
        with databases.admin_connect(self.cluster, self.name) as conn:
            oids = [oid for _, oid in self.events if oid is not None]
            names = dict(conn.execute(NAMES, (oids,)).fetchall())
        events = Counter[str]()
        for (event, oid), n in self.events.items():
            events[event + (f" ({names.get(oid, oid)})" if oid is not None else "")] += n
        total = sum(events.values())
        shares = ", ".join(f"{event} {100 * n / total:.0f}%" for event, n in events.most_common(top))
        return f"{total / max(1, self.samples):.1f} active sessions per sample ({self.samples}): {shares}"
