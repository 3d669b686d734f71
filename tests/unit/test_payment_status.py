"""Our payment statuses only move forward: late, duplicated and out-of-order reports change nothing."""

from __future__ import annotations

import pytest

from automation.providers.payments import (
    Payer,
    PaymentLinkRequest,
    PaymentStatus,
    advance,
    moves_forward,
)

CREATED, PENDING, PAID, FAILED, REFUNDED = PaymentStatus


@pytest.mark.parametrize(
    ("current", "reported", "kept"),
    [
        (CREATED, PENDING, PENDING),
        (CREATED, PAID, PAID),
        (PENDING, PAID, PAID),
        (PENDING, FAILED, FAILED),
        (FAILED, PAID, PAID),  # the payer tried again, or a late success overtook a failure
        (PAID, REFUNDED, REFUNDED),
        (PAID, PENDING, PAID),  # a late "pending" never undoes a payment
        (PAID, FAILED, PAID),
        (PAID, CREATED, PAID),
        (PAID, PAID, PAID),
        (FAILED, PENDING, FAILED),
        (REFUNDED, PAID, REFUNDED),
        (REFUNDED, PENDING, REFUNDED),
        (PENDING, CREATED, PENDING),
    ],
)
def test_only_forward_moves_are_kept(current, reported, kept):
    assert advance(current, reported) is kept
    assert moves_forward(current, reported) is (kept is reported and current is not reported)


def test_nothing_leaves_paid_except_a_refund():
    assert [s for s in PaymentStatus if moves_forward(PAID, s)] == [REFUNDED]


@pytest.mark.parametrize("reference", ["", "has space", "x" * 35, "semi;colon"])
def test_references_must_fit_every_provider(reference):
    with pytest.raises(ValueError, match="reference"):
        PaymentLinkRequest(reference, 100, "Fee", Payer("A"), "https://r", "https://w")


def test_amounts_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        PaymentLinkRequest("ok_ref", 0, "Fee", Payer("A"), "https://r", "https://w")
