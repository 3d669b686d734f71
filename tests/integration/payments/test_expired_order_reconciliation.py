"""An order we expired can still be paid at the provider while the payer has its checkout open: reconciliation
and the return page keep asking about it until the provider can no longer take it (decision 0683)."""

from __future__ import annotations

import requests

from automation.workflows.payment_links import close_payment_link
from tests.integration.payments.world import ENROLLMENT, make_admin, make_center, open_link

STATUS = "select status::text from public.payments where id = %s"
ALERTS = "select title from public.notifications where user_id = %s and type = 'payment_on_closed_link'"
# The order was made `%s` ago (so it lapsed at PhonePe an hour after that).
MADE_AGO = "update public.payments set order_made_at = now() - %s::interval where id = %s returning 1"
DISABLED_AGO = """
update public.outbox set status = 'sent', sent_at = now() - %s::interval, attempts = 1
 where idempotency_key = 'disable_payment_link:' || %s returning 1
"""


def _renewed_with_the_old_checkout_open(stack) -> tuple[str, str, str, str]:
    """A PhonePe link opened 90 s before its order lapses: renewed, the old order expired. Returns
    (admin, lead, old payment, old checkout URL)."""
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        link, checkout = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        conn.execute("update public.payments set expires_at = now() + interval '90 seconds' where id = %s",
                     (link,))  # fmt: skip
    opened = requests.post(f"{stack.service_url}/public/payment-links/{link}/checkout", timeout=30).json()
    assert (opened["state"], stack.one(STATUS, link)) == ("checkout", "expired")
    assert opened["url"] != checkout
    return admin, center.lead_id, link, checkout


def test_an_expired_order_paid_with_its_webhook_lost_is_found_by_reconciliation(stack):
    admin, _, old, checkout = _renewed_with_the_old_checkout_open(stack)

    stack.pay(checkout, "success", webhook="drop")  # the payer pays the order they had open
    answer = stack.reconcile().json()

    assert answer == {"checked": 1, "moved": 1, "failed": 0}  # the renewal's first check is not yet due
    assert stack.one(STATUS, old) == "paid"
    assert stack.one(ENROLLMENT, old) == "active"
    assert stack.one("select receipt_number is not null from public.payments where id = %s", old)
    assert stack.one(ALERTS, admin) == "Paid on a closed link"
    # The payment expired the renewal, which the payer might still pay too: it is asked about, not this one.
    assert stack.reconcile().json() == {"checked": 1, "moved": 0, "failed": 0}
    assert stack.one("select next_status_check_at from public.payments where id = %s", old) is None
    assert stack.one("select status::text from public.payments where renews = %s", old) == "expired"


def test_the_return_page_of_an_expired_order_paid_there_shows_it_paid(stack):
    _, _, old, checkout = _renewed_with_the_old_checkout_open(stack)
    stack.pay(checkout, "success", webhook="drop")
    stack.one("update public.payments set status_checked_at = now() - interval '1 minute' where id = %s"
              " returning 1", old)  # fmt: skip

    shown = requests.get(f"{stack.service_url}/public/payments/{old}", timeout=10).json()

    assert (shown["status"], shown["receipt_number"] is not None) == ("paid", True)


def test_an_expired_phonepe_order_is_asked_about_until_it_lapsed_there_and_an_attempt_timed_out(stack):
    _, _, old, _ = _renewed_with_the_old_checkout_open(stack)
    due = "update public.payments set next_status_check_at = now() where id = %s returning 1"

    stack.one(MADE_AGO, "79 minutes", old)  # lapsed at PhonePe 19 minutes ago: an attempt may still settle
    assert stack.reconcile().json()["checked"] == 1
    assert stack.one("select next_status_check_at > now() from public.payments where id = %s", old)

    stack.one(due, old)
    stack.one(MADE_AGO, "81 minutes", old)
    assert stack.reconcile().json()["checked"] == 0
    assert stack.one(STATUS, old) == "expired"


def test_a_closed_instamojo_link_is_asked_about_until_instamojo_disabled_it(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        link, checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
        assert close_payment_link(conn, link, admin, "wrong batch") == "closed"
    assert stack.reconcile().json()["checked"] == 1  # its disabling is still waiting in the outbox

    stack.pay(checkout, "success", webhook="drop")  # before Instamojo disabled it
    stack.one("update public.payments set next_status_check_at = now() where id = %s returning 1", link)

    assert stack.reconcile().json() == {"checked": 1, "moved": 1, "failed": 0}
    assert stack.one(STATUS, link) == "paid"
    assert stack.one(ALERTS, admin) == "Paid on a closed link"


def test_a_closed_instamojo_link_disabled_long_enough_ago_is_not_asked_about(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        admin = make_admin(conn)
        link, _ = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
        close_payment_link(conn, link, admin, None)

    stack.one(DISABLED_AGO, "21 minutes", link)

    assert stack.reconcile().json()["checked"] == 0
