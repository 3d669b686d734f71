"""Once a payer pays one link for a batch, their other links for it close: no second charge."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from automation.app_links import AppLinks
from automation.workflows.payment_links import link_details, send_link_message
from tests.integration.payments.world import NOTES, make_center, open_link, run_outbox_row

STATUS = "select status::text from public.payments where id = %s"
OUTBOX = "select status::text from public.outbox where idempotency_key = %s"


def test_paying_one_link_expires_the_payers_other_links_and_disables_them_at_instamojo(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        other_payer = make_center(conn)
        older, older_checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
        phonepe, _ = open_link(conn, stack.gateways["phonepe"], center, stack.service_url)
        in_flight, _ = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
        conn.execute("update public.payments set status = 'pending' where id = %s", (in_flight,))
        held = link_details(conn, older)  # held, e.g. by quiet hours
        send_link_message(conn, held, "payment_link", AppLinks("https://app.example"))
        theirs, _ = open_link(
            conn,
            stack.gateways["instamojo"],
            replace(other_payer, batch_id=center.batch_id),
            stack.service_url,
        )
        paid, checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)

    stack.pay(checkout, "success")

    stack.wait_until(STATUS, paid, expect=lambda status: status == "paid")
    assert [stack.one(STATUS, p) for p in (older, phonepe, in_flight, theirs)] == [
        "expired", "expired", "pending", "created",
    ]  # fmt: skip
    assert stack.one(NOTES, center.lead_id).count("expired: the batch is paid through another link") == 2
    assert stack.one(OUTBOX, f"payment_link:email:{older}") == "cancelled"
    assert stack.one(OUTBOX, f"disable_payment_link:{older}") == "pending"
    assert stack.one(OUTBOX, f"disable_payment_link:{phonepe}") is None  # PhonePe orders lapse by themselves

    run_outbox_row(stack.db_url, f"disable_payment_link:{older}", SimpleNamespace(payments=stack.gateways))

    assert stack.pay(older_checkout, "success").status_code == 409  # Instamojo's page takes no payment
