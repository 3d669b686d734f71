"""What a simulated payment is: an order, the payer's attempts at it, refunds, and how they settle in time."""

from __future__ import annotations

import secrets
import string
import time
from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    """What the payer chooses on the checkout page."""

    SUCCESS = "success"
    FAILURE = "failure"
    PENDING_THEN_SUCCESS = "pending_then_success"


class Result(StrEnum):
    """Where an attempt, an order or a refund stands at a given moment."""

    CREATED = "created"
    PENDING = "pending"
    SUCCESS = "success"
    FAILURE = "failure"


def new_id(prefix: str, length: int = 16) -> str:
    """A provider-looking identifier: a prefix and random upper-case letters and digits."""
    alphabet = string.ascii_uppercase + string.digits
    return prefix + "".join(secrets.choice(alphabet) for _ in range(length))


@dataclass
class Attempt:
    """One try at paying. A pending attempt settles (to success) at `settles_at`, epoch seconds."""

    id: str
    outcome: Outcome
    started_at: float
    settles_at: float

    def result(self, now: float) -> Result:
        if self.outcome is Outcome.FAILURE:
            return Result.FAILURE
        return Result.SUCCESS if now >= self.settles_at else Result.PENDING


@dataclass
class Order:
    """A payment the merchant asked for; `retry_after_failure` says whether a failed payer may try again;
    a `disabled` one (the merchant closed it) takes no attempt."""

    id: str
    amount_paise: int
    purpose: str
    payer_name: str
    retry_after_failure: bool
    created_at: float = field(default_factory=time.time)
    attempts: list[Attempt] = field(default_factory=list)
    disabled: bool = False

    def result(self, now: float) -> Result:
        results = [attempt.result(now) for attempt in self.attempts]
        if not results:
            return Result.CREATED
        if Result.SUCCESS in results:
            return Result.SUCCESS
        return results[-1]

    def deciding_attempt(self, now: float) -> Attempt | None:
        """The successful attempt if there is one, else the latest."""
        winners = [a for a in self.attempts if a.result(now) is Result.SUCCESS]
        return winners[0] if winners else (self.attempts[-1] if self.attempts else None)

    def accepts_attempt(self, now: float) -> bool:
        result = self.result(now)
        if self.disabled:
            return False
        return result is Result.CREATED or (result is Result.FAILURE and self.retry_after_failure)

    def begin(self, attempt_id: str, outcome: Outcome, settle_delay: float) -> Attempt:
        now = time.time()
        delay = settle_delay if outcome is Outcome.PENDING_THEN_SUCCESS else 0.0
        attempt = Attempt(attempt_id, outcome, now, now + delay)
        self.attempts.append(attempt)
        return attempt


@dataclass
class Refund:
    """A refund of (part of) a paid order; it stays pending until `settles_at`, then completes."""

    id: str
    merchant_ref: str
    order_id: str
    payment_id: str
    amount_paise: int
    settles_at: float
    created_at: float = field(default_factory=time.time)
    details: dict[str, str] = field(default_factory=dict)  # provider-specific extras (reason, callback)

    def result(self, now: float) -> Result:
        return Result.SUCCESS if now >= self.settles_at else Result.PENDING


def refundable_paise(order: Order, refunds: list[Refund]) -> int:
    """What is left to refund on an order: its amount if paid, less every refund already asked for."""
    if order.result(time.time()) is not Result.SUCCESS:
        return 0
    return order.amount_paise - sum(r.amount_paise for r in refunds if r.order_id == order.id)
