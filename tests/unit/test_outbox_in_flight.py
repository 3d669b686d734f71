"""The claim loop waits until the sends in flight are few enough, and no longer."""

from __future__ import annotations

import threading

from automation.outbox.worker import InFlight


def test_the_wait_ends_when_enough_sends_have_finished():
    in_flight = InFlight()
    in_flight.add(3)
    released = threading.Event()

    def wait() -> None:
        in_flight.wait_until_at_most(1)
        released.set()

    waiter = threading.Thread(target=wait)
    waiter.start()
    in_flight.finished()
    assert not released.wait(0.2)  # two still in flight
    in_flight.finished()
    waiter.join(10)
    assert released.is_set()


def test_with_few_enough_in_flight_there_is_no_wait():
    in_flight = InFlight()
    in_flight.add(2)
    in_flight.wait_until_at_most(2)


class CountingCondition(threading.Condition):
    """Counts the waiter's wake-ups; says when the waiter first waits."""

    def __init__(self) -> None:
        super().__init__()
        self.notified = 0
        self.waiting = threading.Event()

    def notify(self, n: int = 1) -> None:
        self.notified += 1
        super().notify(n)

    def wait(self, timeout: float | None = None) -> bool:
        self.waiting.set()
        return super().wait(timeout)


def test_only_the_finish_that_reaches_the_limit_wakes_the_waiter():
    in_flight = InFlight()
    condition = CountingCondition()
    in_flight._changed = condition  # counting the wake-ups is the point
    in_flight.add(32)
    waiter = threading.Thread(target=in_flight.wait_until_at_most, args=(8,))
    waiter.start()
    assert condition.waiting.wait(10)
    for _ in range(32):
        in_flight.finished()
    waiter.join(10)
    assert not waiter.is_alive()
    assert condition.notified == 1  # at 8 in flight; the finishes before and after it wake nobody
