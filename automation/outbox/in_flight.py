"""The count of sends handed to the sender threads and not finished, which the claim loop waits on."""

from __future__ import annotations

import threading


class InFlight:
    """How many sends were handed to the senders and have not finished; the claim loop waits on it, one
    waiter at a time. Only the finish that brings the count down to the waiter's limit wakes it: waking it
    at every finish (or waiting on the futures) cost a switch to the claim thread and back per send."""

    def __init__(self) -> None:
        self._count = 0
        self._limit: int | None = None  # the waiting claim loop's limit; None while nobody waits
        self._changed = threading.Condition()

    def add(self, count: int) -> None:
        with self._changed:
            self._count += count

    def finished(self) -> None:
        with self._changed:
            self._count -= 1
            if self._count == self._limit:  # one step at a time: it meets the limit once
                self._changed.notify()

    def wait_until_at_most(self, limit: int) -> None:
        with self._changed:
            self._limit = limit
            try:
                self._changed.wait_for(lambda: self._count <= limit)
            finally:
                self._limit = None
