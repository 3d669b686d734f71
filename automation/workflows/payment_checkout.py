"""A payer opens a payment link's page: the provider's checkout while an order is open, else a fresh order.

The page (/pay/<link>, decision 0666) posts here and follows the answer. The database decides what the link
does (private.payment_link_state); this module only talks to the provider, outside any transaction: it asks
about a lapsing order before replacing it (a payer may be paying it right now), and makes the new order
that private.renew_payment_link recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from psycopg.rows import scalar_row, tuple_row
from psycopg_pool import ConnectionPool

from automation.db import transaction
from automation.providers.errors import ProviderError
from automation.providers.payments import PaymentGateway
from automation.workflows.payment_confirmation import apply_payment_state
from automation.workflows.payment_links import (
    LINK_LIFETIME,
    LinkRoutes,
    link_details,
    link_request,
    order_payload,
)

log = logging.getLogger(__name__)

STATE = "select private.payment_link_state(%s)"
RENEW = """
select r.id::text as id, r.status = 'failed' as unmade, private.renewal_retry_after(r) as retry_after
  from private.renew_payment_link(%s, %s, %s::interval) r
"""
MADE = "select private.record_renewed_order(%s, %s, %s)"
NOT_MADE = """
update public.payments r set status = 'failed', failure_reason = %s where id = %s and payment_url is null
returning private.renewal_retry_after(r)
"""
RETRY_LATER = 60  # seconds, when the provider did not answer about a lapsing order


class CheckoutUnavailable(Exception):
    """The provider could not make or confirm an order just now; the payer should try again in
    `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int = RETRY_LATER) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Checkout:
    """What the page does: `state` as private.payment_link_state names it, with `url` for checkout and
    `payment` for settled and in_progress; `shown` is what the page may show about the link."""

    state: str
    url: str | None = None
    payment: str | None = None
    reason: str | None = None
    shown: Mapping[str, Any] | None = None


def open_checkout(
    pool: ConnectionPool,
    gateways: Mapping[str, PaymentGateway],
    link_id: str,
    routes: LinkRoutes,
    new_link_provider: Callable[[], str],
) -> Checkout | None:
    """What opening the link does now, making a fresh order when its last one lapsed; None for no such link.
    `new_link_provider`: the provider for a new order when the link's own is no longer configured. Raises
    CheckoutUnavailable when the provider cannot answer."""
    state = _state(pool, link_id)
    if state is not None and state["state"] == "lapsed":
        _confirm(pool, gateways, state)
        state = _state(pool, link_id)
    if state is None:
        return None
    if state["state"] in ("lapsed", "renew"):
        provider = state["provider"] if state.get("provider") in gateways else new_link_provider()
        renewed = _renew(pool, gateways[provider], state, routes)
        if renewed is not None:
            return renewed
        state = _state(pool, link_id) or state  # renewed by another request meanwhile: follow that
    return _checkout(state)


def _state(pool: ConnectionPool, link_id: str) -> dict[str, Any] | None:
    with transaction(pool) as conn:
        return conn.cursor(row_factory=scalar_row).execute(STATE, (link_id,)).fetchone()


def _confirm(pool: ConnectionPool, gateways: Mapping[str, PaymentGateway], state: Mapping[str, Any]) -> None:
    """Ask the provider about the lapsing order and record its answer: a payer may be paying it now."""
    gateway = gateways.get(state["provider"])
    if gateway is None:
        return  # its provider is gone from the settings: nobody can be paying it through us
    try:
        answer = gateway.fetch_status(state["order"])
    except ProviderError as error:
        message = f"{gateway.provider} did not answer about the last order: {error}"
        raise CheckoutUnavailable(message) from error
    with pool.connection() as conn:
        apply_payment_state(conn, answer)


def _renew(
    pool: ConnectionPool, gateway: PaymentGateway, state: Mapping[str, Any], routes: LinkRoutes
) -> Checkout | None:
    """Record a new order for the link and make it at the provider; None when another request renewed first
    (or the link closed meanwhile). A renewal the provider did not make lately is not tried again yet."""
    lifetime = LINK_LIFETIME.get(gateway.provider)
    with transaction(pool) as conn:
        found = conn.cursor(row_factory=tuple_row).execute(RENEW, (state["link"], gateway.provider, lifetime))
        renewal, unmade, retry_after = found.fetchone()
        if renewal is None:
            return None
        if unmade:
            message = f"the provider did not make this link's last order; next attempt in {retry_after} s"
            raise CheckoutUnavailable(message, retry_after)
        facts = link_details(conn, renewal)
    order = order_payload(renewal, gateway.provider, facts["amount_paise"], facts, routes)
    try:
        made = gateway.create_link(link_request(order))
    except ProviderError as error:
        log.warning("payment link %s: new order not made: %s", state["link"], error)
        reason = f"{gateway.provider} did not make the order: {error}"
        with transaction(pool) as conn:
            paused = conn.cursor(row_factory=scalar_row).execute(NOT_MADE, (reason, renewal)).fetchone()
        message = f"{gateway.provider} did not make a new order: {error}"
        raise CheckoutUnavailable(message, paused or RETRY_LATER) from error
    with transaction(pool) as conn:
        conn.execute(MADE, (renewal, made.provider_ref, made.url))
    return Checkout("checkout", url=made.url, payment=renewal, shown=_shown(state))


def _checkout(state: Mapping[str, Any]) -> Checkout:
    return Checkout(
        state["state"], url=state.get("url"), payment=state.get("payment"), reason=state.get("reason"),
        shown=_shown(state),
    )  # fmt: skip


def _shown(state: Mapping[str, Any]) -> dict[str, Any]:
    return {key: state.get(key) for key in ("link", "amount_paise", "currency", "course", "batch", "center")}
