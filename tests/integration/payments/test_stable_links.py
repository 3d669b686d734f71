"""A payment link outlives its provider order: its page opens the checkout, renews a lapsed order once, shows
a payment made or under way, and says why a closed link takes no payment (decision 0666)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from automation.app_links import AppLinks
from automation.workflows.payment_links import link_details, send_link_message
from tests.integration.payments.world import FEE_PAISE, NOTES, make_admin, make_center, open_link
from tests.support.tokens import user_token

LAPSE = "update public.payments set expires_at = now() - interval '1 minute' where id = %s"
RENEWALS = "select count(*) from public.payments where renews = %s"
OUTBOX_STATUS = "select status::text from public.outbox where idempotency_key = %s"
LINKS = AppLinks("https://app.example")
SECRET = "secret-for-tests"  # settings_for_tests' JWT secret


def _open(stack, link: str) -> requests.Response:
    return requests.post(f"{stack.service_url}/public/payment-links/{link}/checkout", timeout=30)


def _phonepe_link(stack, *, lapsed: bool) -> tuple[object, str, str]:
    with stack.connect() as conn:
        center = make_center(conn)
        link, url = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        if lapsed:
            conn.execute(LAPSE, (link,))
    return center, link, url


def test_an_open_order_is_the_checkout_and_nothing_new_is_made(stack):
    _, link, url = _phonepe_link(stack, lapsed=False)

    answer = _open(stack, link)

    assert answer.status_code == 200
    shown = answer.json()
    assert (shown["state"], shown["url"], shown["link"]) == ("checkout", url, link)
    assert (shown["amount"], shown["course"]) == ("₹12,500", "Young Founders")
    assert shown["batch"] == "January Weekend"
    assert answer.headers["Cache-Control"] == "no-store"
    assert stack.one(RENEWALS, link) == 0


def test_a_lapsed_order_is_renewed_once_and_paying_it_enrolls(stack):
    center, link, old_url = _phonepe_link(stack, lapsed=True)

    first = _open(stack, link).json()

    assert first["state"] == "checkout"
    assert first["url"] != old_url
    renewal = stack.one("select id::text from public.payments where renews = %s", link)
    assert stack.one("select payment_url from public.payments where id = %s", renewal) == first["url"]
    assert stack.one("select status::text from public.payments where id = %s", link) == "expired"
    assert _open(stack, link).json()["url"] == first["url"]  # the new order is open: no third order
    assert stack.one(RENEWALS, link) == 1
    note = "select count(*) from public.crm_messages where body like 'The payment link for %% was opened%%'"
    assert stack.one(note) == 1

    stack.pay(first["url"], "success")

    stack.wait_until("select status::text = 'enrolled' from public.leads where id = %s", center.lead_id)
    settled = _open(stack, link).json()
    assert (settled["state"], settled["payment"]) == ("settled", renewal)
    assert stack.one(RENEWALS, link) == 1


def test_a_lapsing_order_being_paid_is_followed_not_replaced(stack):
    _, link, url = _phonepe_link(stack, lapsed=False)
    stack.pay(url, "pending_then_success", webhook="drop")
    with stack.connect() as conn:
        conn.execute(LAPSE, (link,))

    shown = _open(stack, link).json()

    assert shown["state"] in ("in_progress", "settled")
    assert shown["payment"] == link
    assert stack.one(RENEWALS, link) == 0


def test_two_payers_opening_a_lapsed_link_at_once_make_one_order(stack):
    _, link, _ = _phonepe_link(stack, lapsed=True)

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: _open(stack, link).json(), range(4)))

    assert stack.one(RENEWALS, link) == 1
    made = stack.one("select payment_url from public.payments where renews = %s", link)
    assert {a["state"] for a in answers} <= {"checkout", "preparing"}
    assert {a["url"] for a in answers if a["state"] == "checkout"} == {made}


def test_a_link_replaced_by_a_newer_one_leads_to_the_newer_one(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        older, _ = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        newer, newer_url = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)

    shown = _open(stack, older).json()

    assert (shown["state"], shown["link"], shown["url"]) == ("checkout", newer, newer_url)


def test_a_closed_link_says_why_and_makes_nothing(stack):
    center, link, _ = _phonepe_link(stack, lapsed=True)
    with stack.connect() as conn:
        conn.execute(
            "update public.leads set status = 'lost', lost_reason = 'chose another center' where id = %s",
            (center.lead_id,),
        )

    shown = _open(stack, link).json()

    assert (shown["state"], shown["reason"]) == ("closed", "withdrawn")
    assert "Contact the center" in shown["message"]
    assert shown["center"]["name"]
    assert stack.one(RENEWALS, link) == 0


def test_an_unknown_link_is_404(stack):
    answer = _open(stack, "00000000-0000-0000-0000-000000000000")
    assert answer.status_code == 404
    assert "check the link" in answer.json()["error"]["message"]


def test_a_provider_that_does_not_answer_gets_a_retry_later_and_no_new_order(stack):
    _, link, _ = _phonepe_link(stack, lapsed=True)
    behaviour = f"{stack.sandbox_url}/_sandbox/api/behaviour"
    requests.put(behaviour, json={"failure_rate": 1.0}, timeout=5).raise_for_status()
    try:
        answer = _open(stack, link)
    finally:
        requests.put(behaviour, json={"failure_rate": 0.0}, timeout=5).raise_for_status()

    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "60"
    assert "Nothing was charged" in answer.json()["error"]["message"]
    assert stack.one(RENEWALS, link) == 0
    assert _open(stack, link).json()["state"] == "checkout"


def test_the_return_page_offers_the_link_again_after_a_failed_attempt(stack):
    _, link, url = _phonepe_link(stack, lapsed=False)
    stack.pay(url, "failure")
    status_url = f"{stack.service_url}/public/payments/{link}"
    stack.wait_until("select status::text = 'failed' from public.payments where id = %s", link)

    shown = requests.get(status_url, timeout=10).json()

    assert (shown["status"], shown["pay_again"]) == ("failed", link)
    assert _open(stack, link).json()["url"] != url  # a failed PhonePe order takes no more payment: renewed


def _close(stack, admin: str, link: str, body: dict | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {user_token(SECRET, admin)}"}
    url = f"{stack.service_url}/admin/payment-links/{link}/close"
    return requests.post(url, json=body or {}, headers=headers, timeout=10)


def test_an_admin_closes_a_link_its_orders_messages_and_reminders_stop(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        link, _ = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
        send_link_message(conn, link_details(conn, link), "fee_reminder", LINKS, ":1")

    answer = _close(stack, admin, link, {"reason": "batch is full"})

    assert (answer.status_code, answer.json()) == (200, {"link": link, "state": "closed"})
    shown = _open(stack, link).json()
    assert (shown["state"], shown["reason"]) == ("closed", "closed")
    assert "The center closed this payment link" in shown["message"]
    assert stack.one("select status::text from public.payments where id = %s", link) == "expired"
    reminders = "select array_agg(status::text) from public.outbox where idempotency_key like 'fee_rem%%'"
    assert stack.one(reminders) == ["cancelled", "cancelled"]
    assert stack.one(OUTBOX_STATUS, f"disable_payment_link:{link}") == "pending"  # Instamojo's page too
    assert "closed by an admin: batch is full." in stack.one(NOTES, center.lead_id)
    assert _close(stack, admin, link).status_code == 200  # closing again changes nothing


def test_a_paid_or_unknown_link_is_not_closed(stack):
    with stack.connect() as conn:
        admin = make_admin(conn)
    _, link, url = _phonepe_link(stack, lapsed=False)
    stack.pay(url, "success")
    stack.wait_until("select status::text = 'paid' from public.payments where id = %s", link)

    paid = _close(stack, admin, link)
    unknown = _close(stack, admin, "00000000-0000-0000-0000-000000000000")

    assert (paid.status_code, paid.json()["error"]["code"]) == (409, "already_paid")
    assert "refund" in paid.json()["error"]["message"]
    assert unknown.status_code == 404


def test_a_link_for_the_balance_of_a_payment_paid_short_takes_payment(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        gateway = stack.gateways["phonepe"]
        short, url = open_link(conn, gateway, center, stack.service_url, FEE_PAISE - 250_000)
    stack.pay(url, "success")
    stack.wait_until("select status::text = 'paid' from public.payments where id = %s", short)
    assert _open(stack, short).json()["state"] == "settled"  # the short link itself is done
    with stack.connect() as conn:
        balance, balance_url = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)

    shown = _open(stack, balance).json()

    assert (shown["state"], shown["url"]) == ("checkout", balance_url)
    assert _open(stack, short).json()["link"] == balance  # the old link leads to the balance


def test_a_new_link_after_a_refund_takes_payment_and_the_refunded_one_is_closed(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        refunded, _ = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        conn.execute(
            "update public.payments set status = 'refunded', paid_at = now(), refunded_paise = amount_paise,"
            " provider_payment_id = 'T-REFUNDED' where id = %s",
            (refunded,),
        )
        assert _open(stack, refunded).json()["reason"] == "refunded"
        again, again_url = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)

    assert (_open(stack, again).json()["state"], _open(stack, again).json()["url"]) == ("checkout", again_url)
