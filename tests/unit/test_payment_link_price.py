"""A link's price is refused before the provider would refuse it: each provider's least and most amount."""

from __future__ import annotations

import pytest

from automation.workflows.payment_links import AMOUNT_LIMITS, LinkError, LinkOrder, price
from devstack.sandbox.payments import instamojo_rules, phonepe_rules

BATCH = "00000000-0000-0000-0000-000000000001"


def test_the_limits_are_those_the_sandbox_enforces_for_each_provider():
    assert AMOUNT_LIMITS["instamojo"] == (instamojo_rules.MIN_RUPEES * 100, instamojo_rules.MAX_RUPEES * 100)
    assert AMOUNT_LIMITS["phonepe"] == (phonepe_rules.MIN_AMOUNT_PAISE, None)


@pytest.mark.parametrize(
    ("provider", "order", "list_price", "field", "says"),
    [
        (
            "instamojo",
            LinkOrder(BATCH, amount_paise=899, pricing_note="trial"),
            50_000,
            "amount_paise",
            "₹9;",
        ),
        (
            "instamojo",
            LinkOrder(BATCH, discount_paise=49_500, pricing_note="x"),
            50_000,
            "discount_paise",
            "₹9;",
        ),
        ("instamojo", LinkOrder(BATCH), 500, "amount_paise", "at least ₹9"),
        ("instamojo", LinkOrder(BATCH), 20_000_001, "amount_paise", "at most ₹2,00,000 in one payment"),
        ("phonepe", LinkOrder(BATCH, amount_paise=99, pricing_note="trial"), 50_000, "amount_paise", "₹1;"),
    ],
)
def test_an_amount_the_provider_refuses_names_its_field_and_the_limit(
    provider, order, list_price, field, says
):
    with pytest.raises(LinkError) as refused:
        price(order, list_price, provider)

    assert str(refused.value).startswith(f"{field}: the payer would be asked for ₹")
    assert says in str(refused.value)


@pytest.mark.parametrize(("provider", "least"), [("instamojo", 900), ("phonepe", 100)])
def test_the_least_amount_is_taken(provider, least):
    assert price(LinkOrder(BATCH, amount_paise=least, pricing_note="trial"), 50_000, provider) == (
        least,
        50_000 - least,
    )
