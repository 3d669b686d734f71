"""Anonymous pages cannot make us call the provider at will (decision 0680): a link whose renewal the
provider did not make waits before trying again, and the return page asks about a payment at most once
per CHECK_EVERY however often it polls."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import requests

from automation.workflows.payment_status import payer_status
from tests.integration.payments.world import NOTES, make_center, open_link, poll_until_settled

RENEWALS = "select count(*) from public.payments where renews = %s"
RENEWED = "a new order was made"
PAST_THE_PAUSE = "update public.payments set created_at = created_at - interval '2 minutes' where renews = %s"
PAST_THE_INTERVAL = "update public.payments set status_checked_at = now() - interval '1 minute' where id = %s"


@contextmanager
def provider_down(stack):
    behaviour = f"{stack.sandbox_url}/_sandbox/api/behaviour"
    requests.put(behaviour, json={"failure_rate": 1.0}, timeout=5).raise_for_status()
    try:
        yield
    finally:
        requests.put(behaviour, json={"failure_rate": 0.0}, timeout=5).raise_for_status()


def _run(stack, statement: str, row: str) -> None:
    with stack.connect() as conn:
        conn.execute(statement, (row,))


def _open(stack, link: str) -> requests.Response:
    return requests.post(f"{stack.service_url}/public/payment-links/{link}/checkout", timeout=30)


def _failed_link(stack):
    """A PhonePe link whose order failed: opening it makes a new order."""
    with stack.connect() as conn:
        center = make_center(conn)
        link, url = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
    stack.pay(url, "failure")
    stack.wait_until("select status::text = 'failed' from public.payments where id = %s", link)
    return center, link


def test_opens_during_an_outage_make_one_attempt_and_note_no_order(stack):
    center, link = _failed_link(stack)

    with provider_down(stack):
        answers = [_open(stack, link) for _ in range(6)]

    assert [answer.status_code for answer in answers] == [503] * 6
    assert all(0 < int(answer.headers["Retry-After"]) <= 60 for answer in answers)
    assert stack.one(RENEWALS, link) == 1  # one order asked of the provider, not made
    assert RENEWED not in (stack.one(NOTES, center.lead_id) or "")
    assert _open(stack, link).status_code == 503  # the provider is back, but the pause holds

    _run(stack, PAST_THE_PAUSE, link)
    answer = _open(stack, link)

    assert answer.status_code == 200
    assert answer.json()["state"] == "checkout"
    assert stack.one(RENEWALS, link) == 2
    assert stack.one(NOTES, center.lead_id).count(RENEWED) == 1


class CountingGateway:
    """The sandbox's real gateway, counting the status questions asked of it."""

    def __init__(self, gateway) -> None:
        self.gateway = gateway
        self.provider = gateway.provider
        self.asked = 0

    def fetch_status(self, reference: str):
        self.asked += 1
        return self.gateway.fetch_status(reference)


def test_polls_of_an_open_payment_ask_the_provider_once_per_interval(stack, pool):
    with stack.connect() as conn:
        payment, _ = open_link(conn, stack.gateways["phonepe"], make_center(conn), stack.service_url)
    gateway = CountingGateway(stack.gateways["phonepe"])
    gateways = {"phonepe": gateway}

    with ThreadPoolExecutor(max_workers=6) as polls:
        shown = list(polls.map(lambda _: payer_status(pool, gateways, payment), range(30)))

    assert {answer["status"] for answer in shown} == {"created"}
    assert gateway.asked == 1
    _run(stack, PAST_THE_INTERVAL, payment)
    payer_status(pool, gateways, payment)
    assert gateway.asked == 2  # the interval past, the next poll asks again


def test_the_return_page_sees_a_payment_settle_without_its_webhook_while_polled(stack):
    with stack.connect() as conn:
        payment, url = open_link(conn, stack.gateways["phonepe"], make_center(conn), stack.service_url)
    status_url = f"{stack.service_url}/public/payments/{payment}"
    assert requests.get(status_url, timeout=10).json()["status"] == "created"  # the provider was just asked

    stack.pay(url, "success", webhook="drop")

    assert poll_until_settled(status_url)["status"] == "paid"
