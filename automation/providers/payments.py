"""The payments capability: the Protocol every gateway adapter implements, its data, and our status rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from automation.providers.errors import ProviderAPIError


class PaymentStatus(StrEnum):
    """Our own payment states; each provider's vocabulary is mapped onto these."""

    CREATED = "created"  # link made, nobody has tried to pay yet
    PENDING = "pending"  # an attempt is under way; its outcome is not known
    PAID = "paid"
    FAILED = "failed"
    REFUNDED = "refunded"


# Where a payment may go from each state. A failure can still be followed by success (the payer retries
# on the same link, or a late success overtakes a failure); nothing leaves paid except a refund.
_FORWARD: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    PaymentStatus.CREATED: frozenset(
        {PaymentStatus.PENDING, PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.REFUNDED}
    ),
    PaymentStatus.PENDING: frozenset({PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.REFUNDED}),
    PaymentStatus.FAILED: frozenset({PaymentStatus.PAID, PaymentStatus.REFUNDED}),
    PaymentStatus.PAID: frozenset({PaymentStatus.REFUNDED}),
    PaymentStatus.REFUNDED: frozenset(),
}


def moves_forward(current: PaymentStatus, reported: PaymentStatus) -> bool:
    """True if `reported` is a later state than `current` (so it should be stored)."""
    return reported in _FORWARD[current]


def advance(current: PaymentStatus, reported: PaymentStatus) -> PaymentStatus:
    """The status to keep after a report: late, duplicated and out-of-order reports change nothing."""
    return reported if moves_forward(current, reported) else current


class RefundStatus(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"


@dataclass(frozen=True)
class Payer:
    name: str
    email: str | None = None
    phone: str | None = None  # E.164, e.g. +919812345678


# PhonePe v1 takes merchant transaction ids of at most 34 of these characters: the strictest provider.
REFERENCE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,34}$")


def check_reference_and_amount(reference: str, amount_paise: int) -> None:
    """Raise ValueError unless `reference` is usable as an order/refund id at every provider and the
    amount is positive."""
    if not REFERENCE_PATTERN.match(reference):
        raise ValueError("a payment reference is 1-34 of A-Z, a-z, 0-9, _ and -")
    if amount_paise <= 0:
        raise ValueError("amount_paise must be positive")


@dataclass(frozen=True)
class PaymentLinkRequest:
    """What we ask a gateway for. `reference` is ours, unique per payment, and doubles as idempotency key."""

    reference: str
    amount_paise: int
    purpose: str
    payer: Payer
    redirect_url: str
    webhook_url: str

    def __post_init__(self) -> None:
        check_reference_and_amount(self.reference, self.amount_paise)


@dataclass(frozen=True)
class PaymentLink:
    """`provider_ref` is the key the status API takes (a payment request id, a merchant order id)."""

    provider: str
    provider_ref: str
    url: str
    status: PaymentStatus
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class PaymentState:
    """The provider's truth about one payment link, mapped to our status."""

    provider: str
    provider_ref: str
    status: PaymentStatus
    amount_paise: int
    provider_payment_id: str | None = None  # the attempt that decided the status, when there is one
    failure_reason: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class RefundRequest:
    """`reference` is ours and unique per refund; `provider_payment_id` comes from the paid PaymentState."""

    reference: str
    provider_ref: str
    provider_payment_id: str
    amount_paise: int
    reason: str
    webhook_url: str

    def __post_init__(self) -> None:
        check_reference_and_amount(self.reference, self.amount_paise)


@dataclass(frozen=True)
class RefundState:
    provider: str
    refund_ref: str  # the key refund_status takes
    status: RefundStatus
    amount_paise: int
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class PaymentEvent:
    """A verified webhook. `event_id` is stable across redeliveries of the same event (dedupe on it)."""

    provider: str
    event_id: str
    provider_ref: str
    status: PaymentStatus
    amount_paise: int
    provider_payment_id: str | None = None
    refund_ref: str | None = None  # set when the event is about a refund
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


def header_value(headers: Mapping[str, str], name: str) -> str | None:
    """A header by name, case-insensitively, from any mapping (Flask's, http.server's, a dict)."""
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)


class WebhookVerificationError(Exception):
    """A webhook whose signature, or shape, does not prove it came from the provider: answer 401."""


class PaymentGateway(Protocol):
    """One payment provider. Calls raise ProviderUnavailable or ProviderAPIError (see errors.py)."""

    provider: str

    def create_link(self, request: PaymentLinkRequest) -> PaymentLink: ...

    def fetch_status(self, provider_ref: str) -> PaymentState:
        """The provider's current truth; confirm every webhook and redirect with this before acting."""
        ...

    def refund(self, request: RefundRequest) -> RefundState: ...

    def refund_status(self, refund_ref: str) -> RefundState: ...

    def find_refund(self, reference: str, provider_payment_id: str) -> RefundState | None:
        """The refund of payment `provider_payment_id` made under our `reference`, or None when none was made
        (so asking for it again cannot refund twice). Raises ProviderError when the provider cannot say."""
        ...

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> PaymentEvent:
        """Verify the signature first, then parse; raises WebhookVerificationError."""
        ...


def refund_known_by_reference(
    refund_status: Callable[[str], RefundState], reference: str
) -> RefundState | None:
    """find_refund for a provider that knows a refund by our own reference (PhonePe): None when it answers
    404 for it."""
    try:
        return refund_status(reference)
    except ProviderAPIError as error:
        if error.status != 404:
            raise
    return None
