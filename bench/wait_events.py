"""What a database's active sessions wait on, sampled from pg_stat_activity while a bench runs."""

from __future__ import annotations

import threading
from collections import Counter

from devstack import databases
from devstack.postgres import Cluster

ACTIVE = """
select coalesce(wait_event_type || ':' || wait_event, 'on CPU') from pg_stat_activity
 where datname = %s and state = 'active'
"""


class WaitSampler:
    """Samples the active sessions of database `name` every `interval` seconds from a thread, through a
    session of the maintenance database (so that its own backend is not counted among the sampled)."""

    def __init__(self, cluster: Cluster, name: str, interval: float = 0.01) -> None:
        self.cluster, self.name, self.interval = cluster, name, interval
        self.samples, self.events = 0, Counter[str]()
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
                self.events.update(event for (event,) in conn.execute(ACTIVE, (self.name,)))

    def summary(self, top: int = 8) -> str:
        """Active sessions per sample on average, and the largest shares of them by wait event."""
        total = sum(self.events.values())
        shares = ", ".join(f"{event} {100 * n / total:.0f}%" for event, n in self.events.most_common(top))
        return f"{total / max(1, self.samples):.1f} active sessions per sample ({self.samples}): {shares}"
