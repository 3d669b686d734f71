"""The receipt: rendered by the worker, stored in Storage for the paying student, and emailed as a PDF."""

from __future__ import annotations

import base64
import uuid
from contextlib import contextmanager
from types import SimpleNamespace

import httpx
import psycopg
import pytest

from automation.providers.errors import ProviderError
from automation.providers.supabase_storage import SupabaseStorage
from devstack.gateway.settings import GatewaySettings
from tests.integration.payments.world import make_admin, make_center, open_link, run_outbox_row
from tests.support.gateway import free_port_socket, running_gateway
from tests.support.tokens import user_token

PAYMENT = "select status::text from public.payments where id = %s"


@pytest.fixture
def gateway(stack, cluster, tmp_path):
    """Supabase's API (Storage among it) over the payment stack's own database."""
    sock, port = free_port_socket()
    name = stack.db_url.rsplit("/", 1)[-1].split("?")[0]
    settings = GatewaySettings.for_cluster(cluster, db_name=name, port=port, storage_dir=tmp_path / "storage")
    with running_gateway(settings, sock):
        yield settings


def _download(settings: GatewaySettings, user: str, path: str) -> httpx.Response:
    token = user_token(settings.jwt_secret, user)
    headers = {"apikey": settings.anon_key, "Authorization": f"Bearer {token}"}
    return httpx.get(f"{settings.public_url}/storage/v1/object/receipts/{path}", headers=headers, timeout=10)


def _paid(stack):
    with stack.connect() as conn:
        center = make_center(conn)
        payment, checkout = open_link(conn, stack.gateways["instamojo"], center, stack.service_url)
    stack.pay(checkout, "success")
    stack.wait_until(PAYMENT, payment, expect="paid".__eq__)
    return payment


def test_the_receipt_is_stored_for_the_paying_student_and_emailed_as_a_pdf(stack, gateway):
    payment = _paid(stack)
    storage = SupabaseStorage(gateway.public_url, gateway.service_role_key)

    run_outbox_row(stack.db_url, f"send_receipt:{payment}", SimpleNamespace(storage=storage), connect(stack))

    number = stack.one("select receipt_number from public.payments where id = %s", payment)
    student = str(stack.one("select student_id from public.enrollments where payment_id = %s", payment))
    path = stack.one("select receipt_path from public.payments where id = %s", payment)
    assert path == f"{student}/{payment}.pdf"
    email_of = "select payload from public.outbox where idempotency_key = %s"
    email = stack.one(email_of, f"payment_receipt:{payment}")
    assert number in email["subject"]
    (attachment,) = email["attachments"]
    assert attachment["filename"] == f"receipt-{number}.pdf"
    pdf = base64.b64decode(attachment["content_base64"])
    assert pdf.startswith(b"%PDF")
    mine = _download(gateway, student, path)
    assert mine.status_code == 200
    assert mine.content == pdf
    with stack.connect() as conn:
        admin = make_admin(conn)
    assert _download(gateway, admin, path).status_code == 200
    assert _download(gateway, str(uuid.uuid4()), path).status_code in (400, 404)


def test_without_storage_the_receipt_job_fails_to_be_retried(stack):
    payment = _paid(stack)
    with pytest.raises(ProviderError):
        run_outbox_row(stack.db_url, f"send_receipt:{payment}", SimpleNamespace(storage=None), connect(stack))
    assert stack.one("select receipt_path from public.payments where id = %s", payment) is None


def connect(stack):
    """The handler's connection factory: one transaction on the stack's database."""

    @contextmanager
    def factory():
        with psycopg.connect(stack.db_url) as conn:
            yield conn

    return factory
