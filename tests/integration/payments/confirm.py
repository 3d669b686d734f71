"""What reconciliation does for one payment: ask the provider for its state, then apply it."""

from __future__ import annotations

import time

from automation.providers.payments import PaymentState, PaymentStatus
from automation.workflows.payment_confirmation import apply_payment_state
from tests.support.servers import WAIT_SECONDS

ORDER = "select provider::text, provider_order_id from public.payments where id = %s"


def confirm(stack, payment_id: str, expect: PaymentStatus) -> PaymentState:
    """Ask the sandbox about the payment until it reports `expect`, then apply that state; returns it.
    AssertionError if the provider never reports it within the bound."""
    with stack.connect() as conn:
        provider, reference = conn.execute(ORDER, (payment_id,)).fetchone()
    deadline = time.monotonic() + WAIT_SECONDS
    state = stack.gateways[provider].fetch_status(reference)
    while state.status is not expect and time.monotonic() < deadline:
        time.sleep(0.1)
        state = stack.gateways[provider].fetch_status(reference)
    assert state.status is expect, f"{provider} still says {state.status} for {payment_id}"
    with stack.connect() as conn:
        apply_payment_state(conn, state)
    return state
