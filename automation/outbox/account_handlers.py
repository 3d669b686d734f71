"""The auth/invite_user handler: the payer's student account, then their enrollment in the same commit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.rows import scalar_row

from automation.outbox.registry import ConnFactory, Sent, handles
from automation.providers.errors import ProviderError
from automation.providers.supabase_accounts import PROVIDER
from automation.workflows.enrollment import enroll

FIND_ACCOUNT = "select id from public.profiles where email = %s"


@handles("auth", "invite_user")
def invite_user(conn_factory: ConnFactory, row: Mapping[str, Any], providers: Any) -> Sent:
    """Invite the payer (or find their existing account); the enrollment, welcome and receipt are written
    in the transaction that marks this row sent, so a failed Auth call retries without enrolling twice.

    Raises ProviderError when Auth refuses or is not configured."""
    payload = row["payload"]
    accounts = getattr(providers, "accounts", None)
    if accounts is None:
        raise ProviderError(PROVIDER, "Supabase Auth is not configured; set SUPABASE_URL and the service key")
    user_id = accounts.invite_student(payload["email"], payload["full_name"]) or _existing(
        conn_factory, payload["email"]
    )

    def record(conn: psycopg.Connection) -> None:
        enroll(conn, payload["payment_id"], user_id)

    return Sent({"user_id": user_id}, provider=PROVIDER, record=record)


def _existing(conn_factory: ConnFactory, email: str) -> str:
    with conn_factory() as conn:
        found = conn.cursor(row_factory=scalar_row).execute(FIND_ACCOUNT, (email,)).fetchone()
    if found is None:
        raise ProviderError(
            PROVIDER, f"Auth says {email} is registered but it has no profile; check the account"
        )
    return str(found)
