"""The payment keeps the id of the attempt that paid it, which refunds and receipts name, even when an
earlier attempt on the same link failed (an Instamojo request takes attempts until one succeeds)."""

from __future__ import annotations

import uuid

import psycopg
from psycopg.types.json import Jsonb

from tests.integration.payments.world import FEE_PAISE, make_center

PAYMENT = """
insert into public.payments (lead_id, batch_id, provider, provider_order_id, amount_paise, list_price_paise)
values (%s, %s, 'instamojo', %s, %s, %s)
"""
APPLY = "select private.apply_payment_state('instamojo', %s, %s, %s, %s, %s, %s)"
ATTEMPT = "select status::text, provider_payment_id from public.payments where provider_order_id = %s"


def test_the_attempt_that_paid_names_the_payment_after_one_that_failed(fresh_db_url):
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        center = make_center(conn)
        request = f"req_{uuid.uuid4().hex[:20]}"
        conn.execute(PAYMENT, (center.lead_id, center.batch_id, request, FEE_PAISE, FEE_PAISE))

        conn.execute(APPLY, (request, "failed", None, "MOJO_DECLINED", "card declined", Jsonb({})))
        assert conn.execute(ATTEMPT, (request,)).fetchone() == ("failed", "MOJO_DECLINED")

        conn.execute(APPLY, (request, "paid", FEE_PAISE, "MOJO_CREDITED", None, Jsonb({})))
        assert conn.execute(ATTEMPT, (request,)).fetchone() == ("paid", "MOJO_CREDITED")
