"""Statuses only move forward, whatever order the provider's events arrive in."""

from __future__ import annotations

import pytest

from automation.messages.status import MessageStatus as S
from automation.messages.status import advance


@pytest.mark.parametrize(
    ("current", "incoming", "kept"),
    [
        (None, S.QUEUED, S.QUEUED),
        (S.QUEUED, S.SENT, S.SENT),
        (S.SENT, S.DELIVERED, S.DELIVERED),
        (S.DELIVERED, S.READ, S.READ),
        (S.READ, S.DELIVERED, S.READ),  # a late delivered never overwrites read
        (S.READ, S.SENT, S.READ),
        (S.DELIVERED, S.BOUNCED, S.BOUNCED),  # an asynchronous bounce after delivery
        (S.SENT, S.FAILED, S.FAILED),
        (S.FAILED, S.DELIVERED, S.FAILED),
        (S.BOUNCED, S.FAILED, S.BOUNCED),  # the first failure stays
        (S.READ, S.FAILED, S.READ),
        (S.RECEIVED, S.SENT, S.RECEIVED),
    ],
)
def test_advance_keeps_the_furthest_status(current, incoming, kept):
    assert advance(current, incoming) == kept


def test_replaying_every_event_in_reverse_ends_where_the_forward_order_does():
    events = [S.QUEUED, S.SENT, S.DELIVERED, S.READ]
    forward = reverse = None
    for status in events:
        forward = advance(forward, status)
    for status in reversed(events):
        reverse = advance(reverse, status)
    assert forward == reverse == S.READ
