"""Fee reminders follow the cadence while the link takes payment (a lapsed order does not stop them: the
link's page makes a new one), and never reach an enrolled student or a payer of a replaced link."""

from __future__ import annotations

import psycopg

from automation.app_links import AppLinks
from automation.providers.payments import PaymentState, PaymentStatus
from automation.workflows.fee_reminders import send_fee_reminders
from automation.workflows.payment_confirmation import apply_payment_state
from tests.integration.payments.world import FEE_PAISE, make_center

LINKS = AppLinks("https://app.example")
REMINDERS = "select count(*) from public.outbox where idempotency_key like 'fee_reminder:%%' and status = %s"


def _sent_link(conn: psycopg.Connection, center, days_ago: float, reference: str) -> str:
    return conn.execute(
        "insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise,"
        " payment_url, created_at) values (%s, %s, 'instamojo', %s, %s, 'https://pay.example/x',"
        " now() - %s * interval '1 day') returning id",
        (center.lead_id, center.batch_id, reference, FEE_PAISE, days_ago),
    ).fetchone()[0]


def test_reminders_follow_the_cadence_once_per_step_with_the_links_page(db):
    _sent_link(db, make_center(db), 0.5, "req_fresh")
    assert send_fee_reminders(db, LINKS) == 0
    payment = _sent_link(db, make_center(db), 3.5, "req_old")  # days 1 and 3 passed: only day 3's goes out

    assert send_fee_reminders(db, LINKS) == 1
    assert send_fee_reminders(db, LINKS) == 0

    rows = db.execute("select idempotency_key, payload from public.outbox order by 1").fetchall()
    keys = [f"fee_reminder:email:{payment}:3", f"fee_reminder:whatsapp:{payment}:3"]
    assert [key for key, _ in rows] == keys
    assert f"https://app.example/pay/{payment}" in rows[1][1]["params"]


def test_a_lapsed_order_is_still_reminded_and_a_replaced_link_is_not(db):
    lapsed = _sent_link(db, make_center(db), 1.5, "req_lapsed")
    db.execute("update public.payments set expires_at = now() - interval '1 hour' where id = %s", (lapsed,))
    center = make_center(db)
    _sent_link(db, center, 1.5, "req_replaced")
    _sent_link(db, center, 0.2, "req_replacement")  # the admin sent a new link since

    assert send_fee_reminders(db, LINKS) == 1
    reminded = db.execute("select count(*) from public.outbox where cause_id = %s", (str(lapsed),))
    assert reminded.fetchone()[0] == 2


def test_a_payment_stops_reminders_and_cancels_those_waiting(db):
    center = make_center(db)
    _sent_link(db, center, 1.5, "req_first")
    assert send_fee_reminders(db, LINKS) == 1
    _sent_link(db, center, 2.0, "req_second")  # a second link for the same seat gets paid

    apply_payment_state(db, PaymentState("instamojo", "req_second", PaymentStatus.PAID, FEE_PAISE, "MOJO1"))

    assert db.execute(REMINDERS, ("cancelled",)).fetchone()[0] == 2
    assert db.execute(REMINDERS, ("pending",)).fetchone()[0] == 0
    assert send_fee_reminders(db, LINKS) == 0


def test_an_enrolled_student_gets_no_reminder(db):
    other = make_center(db)
    _sent_link(db, other, 1.5, "req_enrolled")
    student = db.execute("select id from public.profiles where email = %s", (other.email,)).fetchone()[0]
    db.execute("update public.leads set converted_profile_id = %s where id = %s", (student, other.lead_id))
    db.execute(
        "insert into public.enrollments (student_id, batch_id, status) values (%s, %s, 'active')",
        (student, other.batch_id),
    )

    assert send_fee_reminders(db, LINKS) == 0


def test_a_payment_in_progress_or_a_lost_lead_gets_no_reminder(db):
    paying = make_center(db)
    payment = _sent_link(db, paying, 1.5, "req_paying")
    db.execute("update public.payments set status = 'pending' where id = %s", (payment,))
    lost = make_center(db)
    _sent_link(db, lost, 1.5, "req_lost")
    db.execute("update public.leads set status = 'lost', lost_reason = 'chose another center' where id = %s",
               (lost.lead_id,))  # fmt: skip

    assert send_fee_reminders(db, LINKS) == 0
