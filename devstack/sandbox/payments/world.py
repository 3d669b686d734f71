"""The payment sandbox's shared parts for one SandboxState: its knobs, the tokens it issued, its courier."""

from __future__ import annotations

import secrets
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from devstack.sandbox.payments.courier import Courier, Webhook, WebhookFate
from devstack.sandbox.payments.simulation import Order, Refund
from devstack.sandbox.state import SandboxState


@dataclass
class PaymentsBehaviour:
    """Knobs of the simulated gateways, changed through PUT /_sandbox/api/payments/behaviour."""

    webhook: WebhookFate = WebhookFate.DELIVER
    settle_delay_ms: int = 3000  # how long "pending then success" stays pending
    late_webhook_ms: int = 3000  # how long after settling a delayed webhook is sent
    token_ttl_seconds: int = 3600
    answer_delay_ms: int = 0  # PhonePe v2 makes the order, then waits this long to answer (a lost answer)


@dataclass(frozen=True)
class IssuedToken:
    provider: str
    value: str
    issued_at: int
    expires_at: int


@dataclass
class TokenStore:
    """Access tokens handed out by the token endpoints; each expires, and all can be revoked at once."""

    issued: dict[str, IssuedToken] = field(default_factory=dict)

    def issue(self, provider: str, ttl_seconds: int) -> IssuedToken:
        now = int(time.time())
        token = IssuedToken(provider, secrets.token_urlsafe(24), now, now + ttl_seconds)
        self.issued[token.value] = token
        return token

    def is_valid(self, provider: str, value: str) -> bool:
        token = self.issued.get(value)
        return token is not None and token.provider == provider and time.time() < token.expires_at

    def revoke_all(self) -> int:
        count = len(self.issued)
        self.issued.clear()
        return count


class PaymentsWorld:
    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.behaviour = PaymentsBehaviour()
        self.tokens = TokenStore()
        self.courier = Courier(state)


_worlds: weakref.WeakKeyDictionary[SandboxState, PaymentsWorld] = weakref.WeakKeyDictionary()


def world_of(state: SandboxState) -> PaymentsWorld:
    """The one PaymentsWorld of this sandbox, shared by the Instamojo and PhonePe routes."""
    if state not in _worlds:
        _worlds[state] = PaymentsWorld(state)
    return _worlds[state]


def schedule_refund_webhook(
    world: PaymentsWorld, build: Callable[[], Webhook | None], settles_at: float
) -> None:
    """Refund notifications are always delivered, once the refund has settled."""
    delay = world.state.behaviour.webhook_delay_ms / 1000
    world.courier.schedule(build, settles_at + delay, WebhookFate.DELIVER)


def start_refund(
    world: PaymentsWorld, order: Order, ids: tuple[str, str], amount_paise: int, **details: str
) -> Refund:
    """A refund of a paid order, given (provider's id, merchant's id); it settles after the settle delay."""
    paid = order.deciding_attempt(time.time())
    settles_at = time.time() + world.behaviour.settle_delay_ms / 1000
    refund_id, merchant_ref = ids
    return Refund(
        refund_id, merchant_ref, order.id, paid.id if paid else "", amount_paise, settles_at, details=details
    )
