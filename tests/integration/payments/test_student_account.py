"""A payer without an account: Auth's admin API invites them from the outbox, then the same commit enrolls."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import psycopg

from automation.outbox.registry import handler_for
from automation.providers.payments import PaymentState, PaymentStatus
from automation.providers.supabase_accounts import SupabaseAccounts
from automation.workflows.payment_confirmation import apply_payment_state
from tests.integration.payments.world import FEE_PAISE, SIGN_UP, make_center, paid_without_account


def _deliver(db_url: str, row: dict, accounts: SupabaseAccounts) -> str:
    """What the worker does with the row: call the handler, then record in one transaction."""

    @contextmanager
    def connect() -> Iterator[psycopg.Connection]:
        with psycopg.connect(db_url) as conn:
            yield conn

    sent = handler_for("auth", "invite_user")(connect, row, SimpleNamespace(accounts=accounts))
    with connect() as conn:
        sent.record(conn)
    return sent.result["user_id"]


def test_the_invite_creates_a_student_who_is_then_enrolled_once(auth):
    payment, row = paid_without_account(auth.db_url)
    accounts = SupabaseAccounts(auth.url, auth.gateway.service_role_key)

    user_id = _deliver(auth.db_url, row, accounts)
    again = _deliver(auth.db_url, row, accounts)  # a retry after a crash before the row was marked sent

    assert again == user_id
    with psycopg.connect(auth.db_url) as conn:
        role = conn.execute("select raw_app_meta_data ->> 'role' from auth.users where id = %s", (user_id,))
        assert role.fetchone()[0] == "student"
        enrolled = conn.execute(
            "select count(*), min(status::text) from public.enrollments where payment_id = %s", (payment,)
        ).fetchone()
        assert enrolled == (1, "active")
        assert (
            conn.execute(
                "select count(*) from public.outbox where idempotency_key like 'student_welcome:%%'"
            ).fetchone()[0]
            == 2
        )
        profile = conn.execute(
            "select role::text, parent_name from public.profiles where id = %s", (user_id,)
        )
        assert profile.fetchone() == ("student", "Ravi Rao")
    email = row["payload"]["email"]
    assert auth.inbox.last_to(email)["subject"] == "You have been invited"


def test_a_payer_whose_account_has_the_email_in_other_letter_case_is_enrolled_with_it(fresh_db_url):
    with psycopg.connect(fresh_db_url) as conn:
        center = make_center(conn, with_account=False)
        account = str(uuid.uuid4())
        profile = json.dumps({"full_name": "Asha Rao"})
        conn.execute(SIGN_UP, (account, center.email.upper(), "student", profile))
        conn.execute(
            "insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise)"
            " values (%s, %s, 'instamojo', 'req_case_1', %s)",
            (center.lead_id, center.batch_id, FEE_PAISE),
        )
        apply_payment_state(conn, PaymentState("instamojo", "req_case_1", PaymentStatus.PAID, FEE_PAISE))
        enrolled = conn.execute("select student_id::text, status::text from public.enrollments").fetchall()
        invites = conn.execute("select count(*) from public.outbox where operation = 'invite_user'")
        invites = invites.fetchone()
    assert enrolled == [(account, "active")]
    assert invites == (0,)
