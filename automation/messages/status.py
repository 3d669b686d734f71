"""Our own message-status vocabulary, and the rule that a status only ever moves forward."""

from __future__ import annotations

from enum import StrEnum


class MessageStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"
    BOUNCED = "bounced"
    RECEIVED = "received"  # an inbound message: it has no further states


# Later means further along. A failure outranks sent/delivered (an async bounce after "delivered" is
# real), but not read: a message someone read was delivered, whatever arrives afterwards.
RANK = {
    MessageStatus.QUEUED: 0,
    MessageStatus.SENT: 1,
    MessageStatus.DELIVERED: 2,
    MessageStatus.FAILED: 3,
    MessageStatus.BOUNCED: 3,
    MessageStatus.READ: 4,
    MessageStatus.RECEIVED: 4,
}


def advance(current: MessageStatus | None, incoming: MessageStatus) -> MessageStatus:
    """The status to keep when `incoming` arrives: never a step back, whatever order events come in."""
    if current is None or RANK[incoming] > RANK[current]:
        return incoming
    return current
