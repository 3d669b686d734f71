"""The receipt: rendered by the worker, stored in Storage for the paying student, and emailed as a PDF."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import httpx
import psycopg
import pytest
import requests

from automation.providers.bootstrap import Providers, bootstrap_providers
from automation.providers.errors import ProviderError
from automation.providers.supabase_storage import SupabaseStorage
from devstack.gateway.settings import GatewaySettings
from devstack.sandbox.app import create_sandbox, provider_environment
from devstack.sandbox.secrets import SecretSource
from tests.integration.outbox.conftest import ALWAYS_OPEN, FAST_BUCKETS
from tests.integration.payments.kept_answers import RECEIPT_RECORD, ROW, due_now, fail_records, one, worker_on
from tests.integration.payments.world import make_admin, make_center, open_link, run_outbox_row
from tests.support.gateway import free_port_socket, running_gateway
from tests.support.servers import serving
from tests.support.settings import settings_for_tests
from tests.support.tokens import user_token

PAYMENT = "select status::text from public.payments where id = %s"
EMAIL_ROW = "select payload from public.outbox where idempotency_key = %s"
RECEIPT_PATH = "select receipt_path from public.payments where id = %s"
EMAILS_SEED = "receipt-records"  # the credentials of the test's own SendGrid sandbox


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
    path = stack.one(RECEIPT_PATH, payment)
    assert path == f"{student}/{payment}.pdf"
    email = stack.one(EMAIL_ROW, f"payment_receipt:{payment}")
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
    assert stack.one(RECEIPT_PATH, payment) is None


def connect(stack):
    """The handler's connection factory: one transaction on the stack's database."""

    @contextmanager
    def factory():
        with psycopg.connect(stack.db_url) as conn:
            yield conn

    return factory


def _receipt_emails(sandbox_url: str, number: str) -> list[dict]:
    """The emails SendGrid's sandbox accepted that carry receipt `number`."""
    params = {"provider": "sendgrid", "kind": "email"}
    accepted = requests.get(f"{sandbox_url}/_sandbox/api/records", params=params, timeout=5).json()
    name = f"receipt-{number}.pdf"
    return [r for r in accepted if any(a["filename"] == name for a in r["payload"].get("attachments", []))]


@contextmanager
def _every_provider(stack, storage: GatewaySettings) -> Iterator[tuple[str, Providers]]:
    """SendGrid (and the other message providers) at a sandbox of the test's own, whose credentials it
    knows, and Storage at `storage`: (that sandbox's URL, the worker's providers)."""
    with serving(create_sandbox(stack.service_url, secret=EMAILS_SEED)) as url:
        env = {
            name.lower(): value
            for name, value in provider_environment(SecretSource(EMAILS_SEED), url).items()
        }
        settings = settings_for_tests(
            **env, supabase_url=storage.public_url, supabase_service_role_key=storage.service_role_key
        )
        yield url, bootstrap_providers(settings)


def test_a_receipt_whose_record_failed_is_recorded_from_the_kept_answer_and_emailed_once(stack, gateway):
    payment = _paid(stack)
    key = f"send_receipt:{payment}"
    number = stack.one("select receipt_number from public.payments where id = %s", payment)
    with stack.connect() as conn:
        conn.execute(ALWAYS_OPEN)
        conn.execute(FAST_BUCKETS)
    fail_records(stack.db_url, RECEIPT_RECORD, times=2)  # the group's try and the row's own
    with (
        _every_provider(stack, gateway) as (sandbox_url, providers),
        worker_on(stack.db_url, providers) as worker,
    ):
        worker.run_once()

        status, answer, error = one(stack.db_url, ROW, key)
        assert (status, answer["provider"]) == ("pending", "supabase_storage")
        path = answer["result"]["receipt_path"]
        assert error.startswith("supabase_storage accepted this request (")
        assert stack.one(RECEIPT_PATH, payment) is None
        assert stack.one(EMAIL_ROW, f"payment_receipt:{payment}") is None

        due_now(stack.db_url, key)
        worker.run_once()  # records the receipt from the answer, queueing its email
        worker.run_once()  # sends that email
        worker.run_once()  # and nothing more

        assert one(stack.db_url, ROW, key) == ("sent", None, None)
        assert stack.one(RECEIPT_PATH, payment) == path
        (email,) = _receipt_emails(sandbox_url, number)
    (attachment,) = email["payload"]["attachments"]
    student = str(stack.one("select student_id from public.enrollments where payment_id = %s", payment))
    stored = _download(gateway, student, path)
    assert stored.status_code == 200
    assert base64.b64decode(attachment["content"]) == stored.content  # the file stored the first time
