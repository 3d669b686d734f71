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
