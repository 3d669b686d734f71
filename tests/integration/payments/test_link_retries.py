"""A PhonePe link retried after an unknown outcome is made once and sent, never dead-lettered."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
import requests

from automation.app_links import AppLinks
from automation.providers.errors import ProviderAPIError, ProviderError, ProviderUnavailable
from tests.integration.payments.world import link_order, run_outbox_row
from tests.support.servers import WAIT_SECONDS

LINKS = AppLinks("https://app.example")
ORDER = "select provider_order_id from public.payments where id = %s"
URL = "select payment_url from public.payments where id = %s"


def _behave(stack, **knobs) -> None:
    requests.put(f"{stack.sandbox_url}/_sandbox/api/behaviour", json=knobs, timeout=5).raise_for_status()


def _payments_behave(stack, **knobs) -> None:
    url = f"{stack.sandbox_url}/_sandbox/api/payments/behaviour"
    requests.put(url, json=knobs, timeout=5).raise_for_status()


def _order_exists(gateway, reference: str) -> bool:
    try:
        gateway.fetch_status(reference)
    except ProviderAPIError as error:
        if error.status == 404:
            return False
        raise
    return True


def test_a_timed_out_order_that_phonepe_made_is_not_made_twice_under_one_id(stack):
    gateway = stack.gateways["phonepe"]
    providers = SimpleNamespace(payments=stack.gateways, links=LINKS)
    payment, key = link_order(stack)
    reference = payment.replace("-", "")
    gateway.session.timeout = (3.05, 0.3)  # PhonePe answers after we gave up, but makes the order
    _payments_behave(stack, answer_delay_ms=1500)
    with pytest.raises(ProviderUnavailable):
        run_outbox_row(stack.db_url, key, providers, None, attempt=1)
    _payments_behave(stack, answer_delay_ms=0)
    deadline = time.monotonic() + WAIT_SECONDS
    while not _order_exists(gateway, reference):
        assert time.monotonic() < deadline, "the sandbox never made the order"
        time.sleep(0.1)

    run_outbox_row(stack.db_url, key, providers, None, attempt=2)

    assert stack.one(ORDER, payment) == f"{reference[:31]}r2"
    assert stack.pay(stack.one(URL, payment), "success").status_code in (302, 303)
    paid = "select status::text from public.payments where id = %s"
    assert stack.wait_until(paid, payment, expect="paid".__eq__) == "paid"


def test_an_order_that_never_reached_phonepe_is_made_under_the_same_id(stack):
    providers = SimpleNamespace(payments=stack.gateways, links=LINKS)
    payment, key = link_order(stack)
    _behave(stack, failure_rate=1.0)
    with pytest.raises(ProviderError):
        run_outbox_row(stack.db_url, key, providers, None, attempt=1)
    _behave(stack, failure_rate=0.0)

    run_outbox_row(stack.db_url, key, providers, None, attempt=2)

    assert stack.one(ORDER, payment) == payment.replace("-", "")
    assert stack.one(URL, payment)
