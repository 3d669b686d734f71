"""An unverified email from an address that is nobody's makes no lead (decision 0691): it waits, unread and
marked, on a thread of that address alone, until a verified email from the address or an admin's judgement
makes a lead, which then takes the thread over."""

from __future__ import annotations

import psycopg
import pytest

from tests.integration.webhooks.test_inbound_authentication import ASHA, INBOUND, post_inbound
from tests.support.roles import acting_as, refused, user_claims
from tests.support.users import add_user

FORGED = {"SPF": "softfail", "dkim": "none"}
SIGNED = {"SPF": "pass", "dkim": "{@example.com : pass}"}
THREADS = """
select lead_id is not null, profile_id is not null, unverified_sender::text, unread_count,
       left(last_message_preview, 19)
  from public.conversations order by created_at
"""
LEADS = "select email::text, full_name from public.leads"
MAKE_LEAD = "select public.make_lead_of_unverified_sender(%s, %s)::text"
STORED = "select bool_and(processed_at is not null and error is null) from public.webhook_events"


def forged(stack, text: str, message_id: str) -> None:
    assert post_inbound(stack, text, message_id, **FORGED).status_code == 200


def test_an_unverified_stranger_makes_no_lead_and_waits_on_a_thread_of_their_address(stack):
    forged(stack, "Please enroll me; call me back", "c@mailer.example")
    forged(stack, "STOP", "d@mailer.example")

    assert stack.db.execute(LEADS).fetchall() == []
    assert stack.db.execute(THREADS).fetchall() == [(False, False, ASHA, 2, "Unverified sender: ")]
    assert stack.db.execute(INBOUND).fetchall() == [
        ("Please enroll me; call me back", ASHA, "self"),
        ("STOP", ASHA, "self"),
    ]
    assert stack.value("select count(*) from public.outbox") == 0  # nobody is welcomed or confirmed
    assert stack.value("select count(*) from public.consents") == 0
    assert stack.value(STORED) is True


def test_a_verified_email_from_the_address_makes_the_lead_and_it_takes_the_thread_over(stack):
    forged(stack, "Is this the coaching center?", "e@mailer.example")
    assert post_inbound(stack, "Yes, it was me", "f@example.com", **SIGNED).status_code == 200

    assert stack.db.execute(LEADS).fetchall() == [(ASHA, "Asha")]
    assert stack.db.execute(THREADS).fetchall() == [(True, False, None, 2, "Re: Welcome")]
    assert [row[1] for row in stack.db.execute(INBOUND).fetchall()] == [ASHA, None]


def test_an_admin_who_judges_it_genuine_makes_a_lead_that_takes_the_thread_over(stack):
    forged(stack, "Please call me about the weekend batch", "g@mailer.example")
    thread = stack.value("select id from public.conversations")
    admin, student = add_user(stack.db, "admin"), add_user(stack.db, "student")
    with acting_as(stack.db, "authenticated", user_claims(student)) as conn, refused(conn):
        conn.execute(MAKE_LEAD, (thread, "Asha Rao"))
    with acting_as(stack.db, "authenticated", user_claims(admin)) as conn:
        lead = conn.execute(MAKE_LEAD, (thread, " Asha Rao ")).fetchone()[0]
        with refused(conn, psycopg.errors.InvalidParameterValue, "already belongs to a lead"):
            conn.execute(MAKE_LEAD, (thread, "Asha Rao"))

    assert stack.db.execute(LEADS).fetchall() == [(ASHA, "Asha Rao")]
    assert stack.value("select lead_id::text from public.conversations where id = %s", thread) == lead
    assert stack.value("select unverified_sender from public.conversations") is None
    note = stack.value("select body from public.crm_messages where channel = 'note'")
    assert note.startswith(f"An admin made this a lead from emails claiming to be from {ASHA}")
    assert stack.value("select count(*) from public.outbox") == 0


@pytest.mark.parametrize("later", ["lead_form_insert", "email_changed"])
def test_a_lead_with_the_address_made_another_way_gets_the_thread(stack, later):
    forged(stack, "Hello?", "h@mailer.example")
    thread = stack.value("select id from public.conversations")
    if later == "lead_form_insert":
        stack.db.execute("insert into public.leads (full_name, email) values ('Asha Rao', %s)", (ASHA,))
    else:  # the address became an existing lead's: the admin's button moves the thread onto that lead's
        lead = stack.value(
            "insert into public.leads (full_name, phone) values ('Asha', '+919811111111') returning id"
        )
        stack.db.execute("select private.add_note(%s, null, 'Called her')", (lead,))
        stack.db.execute("update public.leads set email = %s where id = %s", (ASHA, lead))
        admin = add_user(stack.db, "admin")
        with acting_as(stack.db, "authenticated", user_claims(admin)) as conn:
            conn.execute(MAKE_LEAD, (thread, ""))

    assert stack.db.execute(THREADS).fetchall()[0][:4] == (True, False, None, 1)
    assert stack.value("select count(*) from public.conversations") == 1
    assert stack.db.execute(INBOUND).fetchall() == [("Hello?", ASHA, "self")]
