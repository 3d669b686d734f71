"""A row whose provider answered but whose record failed (outbox.answer): recorded from that answer, not asked
again (decision 0672)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automation.app_links import AppLinks
from automation.providers.payments import (
    PaymentLink,
    PaymentLinkRequest,
    PaymentStatus,
    RefundRequest,
    RefundState,
    RefundStatus,
)

REPLAYED = {"replayed": "the provider's answer stored on the outbox row"}


@dataclass(frozen=True)
class ReplayedGateway:
    """Answers a payment handler's provider calls with what the provider answered the first time (the
    handler's outbox result: a link's provider_ref and url, a refund's refund_ref and status)."""

    provider: str
    result: Mapping[str, Any]

    def create_link(self, _request: PaymentLinkRequest) -> PaymentLink:
        return PaymentLink(
            self.provider, self.result["provider_ref"], self.result["url"], PaymentStatus.CREATED
        )

    def refund_status(self, _refund_ref: str) -> RefundState:
        """The refund as first answered."""
        status, amount = RefundStatus(self.result["status"]), self.result["amount_paise"]
        return RefundState(self.provider, self.result["refund_ref"], status, amount, REPLAYED)

    def find_refund(self, reference: str, _provider_payment_id: str) -> RefundState:
        return self.refund_status(reference)

    def refund(self, _request: RefundRequest) -> RefundState:
        return self.refund_status(self.result["refund_ref"])


@dataclass(frozen=True)
class Replayed:
    """Stands in for the providers when a row's record is applied from its stored answer
    (`{"provider", "result"}`): the row's own handler builds its record as for a send, so the record is the
    handler's, and no provider is called. The handler runs its first-attempt path (`replay_row`)."""

    answer: Mapping[str, Any]
    links: AppLinks

    @property
    def payments(self) -> Mapping[str, ReplayedGateway]:
        gateway = ReplayedGateway(self.answer["provider"], self.answer["result"])
        return {gateway.provider: gateway}

    @property
    def accounts(self) -> Replayed:
        return self

    @property
    def storage(self) -> Replayed:
        return self

    def invite_student(self, _email: str, _full_name: str) -> str:
        return self.answer["result"]["user_id"]

    def upload(self, *_file: Any) -> None:
        """The file was stored the first time (the result names its path)."""


def replay_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row as its handler sees it when replayed: on its first attempt, whose one provider call is the
    call `Replayed` answers (a later attempt may first ask the provider what an earlier one did)."""
    return {**row, "attempts": 1}


def unrecorded_reason(answer: Mapping[str, Any], error: Exception, *, dead: bool) -> str:
    """What the admin reads on a row whose provider answered (`answer`) but whose record failed."""
    then = (
        "Fix the cause, then retry this item: it records that answer and asks the provider nothing."
        if dead
        else "It is recorded from that answer again shortly; the provider is not asked again."
    )
    accepted = f"{answer['provider']} accepted this request ({json.dumps(answer['result'])})"
    return f"{accepted}, but recording it here failed: {error}. {then}"
