"""What may have changed while a message waited is checked again when it is sent: a payment link goes only
while the link takes payment, a free-form WhatsApp reply only inside the 24-hour window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from automation.app_links import AppLinks
from automation.messages.catalog import Channel, Reply
from automation.outbox import gate, store
from automation.outbox.enqueue import enqueue_outgoing
from automation.workflows.conversations import conversation_for
from automation.workflows.crm_replies import send_reply
from automation.workflows.payment_links import link_details, send_link_message
from tests.integration.outbox.conftest import ALWAYS_OPEN, FAST_BUCKETS
from tests.integration.outbox.fixtures import insert_lead, recipient, welcome
from tests.integration.payments.world import FEE_PAISE, make_center
from tests.support.users import add_user

LINK = """
insert into public.payments (lead_id, batch_id, amount_paise, provider, status, payment_url, expires_at)
values (%s, %s, %s, %s, %s, 'https://pay.example/x', now() + make_interval(hours => %s)) returning id
"""
INBOUND = """
insert into public.crm_messages (conversation_id, channel, direction, body, status, created_at)
values (%s, 'whatsapp', 'inbound', 'hi', 'received', now() - interval '23 hours 30 minutes')
"""
LINKS = AppLinks("https://app.example")
EARLIER = "update public.payments set created_at = now() - interval '1 day' where id = %s"
LOST = "update public.leads set status = 'lost', lost_reason = 'chose another center' where id = %s"


@pytest.fixture
def gate_db(db):
    db.execute(ALWAYS_OPEN)
    db.execute(FAST_BUCKETS)
    return db


def decided(conn, now: datetime | None = None) -> dict[str, gate.Decision]:
    """The gate's decision on every due row, by channel."""
    rows = store.claim(conn, "gatekeeper", 10, stale_seconds=300)
    return {row["channel"]: found for row, found in zip(rows, gate.decide(conn, rows, now), strict=True)}


@pytest.mark.parametrize(
    ("payment", "template", "expected"),
    [
        (("phonepe", "created", 1), "payment_link", gate.Go),
        (("phonepe", "created", -1), "payment_link", gate.Go),  # a lapsed order: the page makes a new one
        (("phonepe", "created", -1), "fee_reminder", gate.Go),
        (("phonepe", "expired", -1), "fee_reminder", gate.Go),
        (("phonepe", "failed", 1), "payment_link", gate.Go),
        (("instamojo", "failed", None), "payment_link", gate.Go),
        (("phonepe", "pending", 1), "payment_link", gate.Skip(gate.LINK_ENDED["in_progress"])),
        (("instamojo", "paid", None), "payment_link", gate.Skip(gate.LINK_PAID)),
    ],
)
def test_a_link_message_goes_only_while_its_link_takes_payment(gate_db, payment, template, expected):
    """`payment`: provider, status and hours until its order lapses (None: never)."""
    center = make_center(gate_db)
    payment_id = gate_db.execute(LINK, (center.lead_id, center.batch_id, FEE_PAISE, *payment)).fetchone()[0]
    send_link_message(gate_db, link_details(gate_db, str(payment_id)), template, LINKS)
    found = decided(gate_db)
    shown = {channel: d if isinstance(d, gate.Skip) else type(d) for channel, d in found.items()}
    assert shown == {"email": expected, "whatsapp": expected}


def test_a_link_message_carries_the_links_page_and_skips_a_link_replaced_meanwhile(gate_db):
    center = make_center(gate_db)
    older = gate_db.execute(LINK, (center.lead_id, center.batch_id, FEE_PAISE, "phonepe", "created", 1))
    older_id = str(older.fetchone()[0])
    send_link_message(gate_db, link_details(gate_db, older_id), "payment_link", LINKS)
    whatsapp = gate_db.execute(
        "select payload from public.outbox where idempotency_key = %s", (f"payment_link:whatsapp:{older_id}",)
    ).fetchone()[0]
    assert f"https://app.example/pay/{older_id}" in whatsapp["params"]
    gate_db.execute(EARLIER, (older_id,))
    gate_db.execute(LINK, (center.lead_id, center.batch_id, FEE_PAISE, "phonepe", "created", 1))

    assert set(decided(gate_db).values()) == {gate.Skip(gate.LINK_REPLACED)}


def test_a_free_form_whatsapp_reply_is_skipped_once_the_window_closed_while_it_waited(gate_db):
    lead = insert_lead(gate_db)
    gate_db.execute(INBOUND, (conversation_for(gate_db, lead, None),))  # closes in half an hour
    admin = add_user(gate_db, "admin")
    for channel in (Channel.WHATSAPP, Channel.EMAIL):
        send_reply(gate_db, lead, channel, Reply(f"reply-{channel}", "", "See you on Saturday."), admin)
    enqueue_outgoing(gate_db, welcome(lead)[1], recipient(lead))  # a template: no window needed
    rows = store.claim(gate_db, "gatekeeper", 10, stale_seconds=300)
    by_campaign = {row["payload"].get("campaign", row["channel"]): row for row in rows}
    reply, template, email = by_campaign["reply_to_contact"], by_campaign["welcome"], by_campaign["email"]

    now = datetime.now(UTC)
    assert all(isinstance(d, gate.Go) for d in gate.decide(gate_db, [reply, template, email], now))
    later = gate.decide(gate_db, [reply, template, email], now + timedelta(hours=1))
    assert later[0] == gate.Skip(gate.WINDOW_CLOSED)
    assert all(isinstance(d, gate.Go) for d in later[1:])


def test_the_timeline_says_why_a_closed_link_was_not_sent(outbox_db, make_worker):
    center = make_center(outbox_db)
    payment = outbox_db.execute(
        LINK, (center.lead_id, center.batch_id, FEE_PAISE, "phonepe", "created", -1)
    ).fetchone()[0]
    send_link_message(outbox_db, link_details(outbox_db, str(payment)), "payment_link", LINKS)
    outbox_db.execute(LOST, (center.lead_id,))
    make_worker().run_once()
    shown = outbox_db.execute(
        "select o.status::text, m.status::text, m.error from public.outbox o"
        " join public.crm_messages m on m.id = o.crm_message_id"
    ).fetchall()
    why = "Not sent: the payment link closed before it could be sent: the lead was marked lost"
    assert shown == [("skipped", "failed", why)] * 2
