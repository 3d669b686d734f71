"""Admin imports through the real gateway: upload to Storage, ask the service, the worker's tick runs it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import psycopg
import pytest
from flask import Flask
from psycopg.rows import dict_row

from automation import create_app
from automation.api.lead_imports import run_lead_imports
from automation.db import get_pool
from automation.workflows.import_jobs import claim_next
from devstack.gateway.settings import GatewaySettings
from devstack.postgres import Cluster
from tests.integration.imports.test_lead_import import GOOD, KNOWN_LEAD
from tests.support.databases import cloned_database
from tests.support.gateway import free_port_socket, running_gateway
from tests.support.settings import settings_for_tests
from tests.support.tokens import user_token
from tests.support.users import add_user

IMPORT = """
select status::text, job, rows_read, rows_inserted, rows_merged, rows_rejected, error_report_path,
       error_message, column_mapping, options
  from public.lead_imports where id = %s
"""


@dataclass
class Stack:
    app: Flask
    gateway: GatewaySettings
    db_url: str
    admin: str
    student: str

    def token(self, user_id: str) -> str:
        return user_token(self.gateway.jwt_secret, user_id)

    def upload(self, user_id: str, content: bytes, filename: str = "leads.csv") -> httpx.Response:
        """What the page does with supabase-js: the file into `imports` at <new uuid>/<file name>."""
        name = f"{uuid.uuid4()}/{filename}"
        headers = {"apikey": self.gateway.anon_key, "Authorization": f"Bearer {self.token(user_id)}",
                   "Content-Type": "text/csv"}  # fmt: skip
        response = httpx.post(f"{self.gateway.public_url}/storage/v1/object/imports/{name}", content=content,
                              headers=headers)  # fmt: skip
        response.name = name  # type: ignore[attr-defined]
        return response

    def download(self, name: str) -> str:
        headers = {"apikey": self.gateway.anon_key, "Authorization": f"Bearer {self.token(self.admin)}"}
        response = httpx.get(f"{self.gateway.public_url}/storage/v1/object/imports/{name}", headers=headers)
        response.raise_for_status()
        return response.text

    def post(self, path: str, body: dict, user_id: str | None = None):
        headers = {"Authorization": f"Bearer {self.token(user_id or self.admin)}"}
        return self.app.test_client().post(path, json=body, headers=headers)

    def run_worker(self) -> list[str]:
        with self.app.app_context():
            return run_lead_imports(self.app)

    def one(self, query: str, *params):
        with psycopg.connect(self.db_url, row_factory=dict_row) as conn:
            return conn.execute(query, params).fetchone()


@pytest.fixture
def stack(cluster: Cluster, template_db: str, tmp_path: Path) -> Iterator[Stack]:
    with cloned_database(cluster, template_db) as name:
        db_url = cluster.url(database=name)
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute(KNOWN_LEAD)
            admin, student = add_user(conn, "admin"), add_user(conn, "student")
        sock, port = free_port_socket()
        gateway = GatewaySettings.for_cluster(
            cluster, db_name=name, port=port, storage_dir=tmp_path / "storage"
        )
        with running_gateway(gateway, sock) as supabase_url:
            settings = settings_for_tests(
                supabase_url=supabase_url, supabase_db_url=db_url, supabase_jwt_secret=gateway.jwt_secret,
                supabase_service_role_key=gateway.service_role_key, db_pool_min_size=0,
            )  # fmt: skip
            app = create_app(settings)
            yield Stack(app, gateway, db_url, admin, student)
            get_pool(app).close()


def _request(stack: Stack, content: bytes | str = GOOD, **body) -> tuple[str, str]:
    uploaded = stack.upload(stack.admin, content.encode() if isinstance(content, str) else content)
    assert uploaded.status_code == 200, uploaded.text
    name = uploaded.name  # type: ignore[attr-defined]
    answer = stack.post("/admin/lead-imports", {"file_path": name, "original_filename": "leads.csv", **body})
    assert answer.status_code == 202, answer.json
    assert answer.json["status"] == "uploaded"
    return answer.json["id"], name


def test_a_dry_run_previews_then_start_imports_what_was_previewed(stack):
    import_id, name = _request(stack, dry_run=True)
    assert stack.run_worker() == [import_id]
    preview = stack.one(IMPORT, import_id)
    assert (preview["status"], preview["job"], preview["rows_read"], preview["rows_inserted"]) == (
        "previewed", None, 5, 1)  # fmt: skip
    options = preview["options"]
    assert options["headers"] == ["Student Name", "E-mail", "Mobile No", "City"]
    assert options["fields"] == ["full_name", "email", "phone", "city", "notes"]
    assert (options["total_rows"], options["duplicates_in_file"], options["existing_matches"]) == (5, 1, 1)
    assert options["preview"][0] == {
        "line": 2, "full_name": "Asha Rao", "email": "asha@example.com", "phone": "+919876543210",
        "city": "Pune", "notes": None, "error": None, "merged_into_line": None}  # fmt: skip
    assert options["preview"][2]["merged_into_line"] == 2
    assert preview["column_mapping"] == {"Student Name": "full_name", "E-mail": "email", "Mobile No": "phone",
                                         "City": "city"}  # fmt: skip
    assert preview["error_report_path"] == f"{name}.errors.csv"
    report = stack.download(preview["error_report_path"]).splitlines()
    assert report[0] == "line,column,reason"
    assert report[1].startswith("3,E-mail,")
    assert stack.one("select count(*) as n from public.leads")["n"] == 1

    started = stack.post(f"/admin/lead-imports/{import_id}/start", {"mapping": None, "start_sequence": False})
    assert (started.status_code, started.json) == (202, {"id": import_id, "status": "previewed"})
    assert stack.run_worker() == [import_id]
    done = stack.one(IMPORT, import_id)
    counts = ("status", "rows_read", "rows_inserted", "rows_merged", "rows_rejected")
    assert tuple(done[key] for key in counts) == ("completed", 5, 1, 2, 2)
    assert stack.one("select count(*) as n from public.leads")["n"] == 2
    again = stack.post(f"/admin/lead-imports/{import_id}/start", {})
    assert again.status_code == 409
    assert "completed" in again.json["error"]["message"]


def test_an_import_with_an_explicit_mapping_runs_without_a_preview(stack):
    text = "who,reach\nAsha,asha@example.com\nRavi,ravi@\n"
    import_id, _ = _request(stack, text, mapping={"who": "full_name", "reach": "email"})
    stack.run_worker()
    done = stack.one(IMPORT, import_id)
    assert (done["status"], done["rows_inserted"], done["rows_rejected"]) == ("completed", 1, 1)
    assert done["options"]["total_rows"] == 2
    assert stack.download(done["error_report_path"]).splitlines()[1].startswith("3,reach,")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (GOOD + "Late;late@example.com;9876500009;Pune;extra\r\n", "line 8: 5 fields where the header has 4"),
        ("who|what\nAsha|x\n", "no email or phone column"),
        ("Name,Phone,Email,Phone\nAsha,+919812345678,,\n", "line 1: 'Phone' heads columns 2 and 4"),
    ],
    ids=["ragged", "no-contact-column", "repeated-header"],
)
def test_a_malformed_file_fails_the_import_with_its_reason_and_writes_nothing(stack, content, says):
    import_id, _ = _request(stack, content)
    stack.run_worker()
    failed = stack.one(IMPORT, import_id)
    assert (failed["status"], failed["job"]) == ("failed", None)
    assert says in failed["error_message"]
    assert stack.one("select count(*) as n from public.leads")["n"] == 1


def test_a_file_missing_from_storage_fails_with_what_to_do(stack):
    name = f"{uuid.uuid4()}/gone.csv"
    answer = stack.post("/admin/lead-imports", {"file_path": name, "original_filename": "gone.csv"})
    stack.run_worker()
    failed = stack.one(IMPORT, answer.json["id"])
    assert failed["status"] == "failed"
    assert failed["error_message"].endswith("upload it again")


def test_only_admins_upload_and_ask_and_inputs_are_checked(stack):
    assert stack.upload(stack.student, GOOD.encode()).status_code in (400, 403)
    body = {"file_path": f"{uuid.uuid4()}/leads.csv", "original_filename": "leads.csv"}
    assert stack.post("/admin/lead-imports", body, stack.student).status_code == 403
    for wrong in ({"file_path": "../etc/passwd"}, {"file_path": "not-a-uuid/leads.csv"},
                  {"mapping": {"Mobile": "salary"}}):  # fmt: skip
        refused = stack.post("/admin/lead-imports", {**body, **wrong})
        assert refused.status_code == 422, wrong
        assert set(refused.json["error"]["fields"]) <= {"file_path", "mapping.Mobile"}
    assert stack.post(f"/admin/lead-imports/{uuid.uuid4()}/start", {}).status_code == 404


def test_a_waiting_import_is_claimed_once_and_a_stale_claim_is_taken_over(stack):
    import_id, _ = _request(stack)
    pool = get_pool(stack.app)
    assert claim_next(pool).id == import_id
    assert claim_next(pool) is None
    again = stack.post(f"/admin/lead-imports/{import_id}/start", {})
    assert again.status_code == 409
    assert claim_next(pool, lease=timedelta(0)).id == import_id


def test_a_cancelled_import_is_not_claimed_nor_started(stack):
    import_id, _ = _request(stack)
    with psycopg.connect(stack.db_url, autocommit=True) as conn:
        conn.execute("update public.lead_imports set status = 'cancelled' where id = %s", (import_id,))
    assert stack.run_worker() == []
    refused = stack.post(f"/admin/lead-imports/{import_id}/start", {})
    assert refused.status_code == 409
    assert "cancelled" in refused.json["error"]["message"]


BOOM = """
create function public.refuse_boom() returns trigger language plpgsql as $$
begin
  raise exception 'refused by the test';
end;
$$;
create trigger leads_refuse_boom before insert on public.leads
  for each row when (new.full_name = 'Boom') execute function public.refuse_boom();
"""


def test_an_unexpected_failure_fails_that_import_and_the_next_one_still_runs(stack):
    with psycopg.connect(stack.db_url, autocommit=True) as conn:
        conn.execute(BOOM)  # a database error the worker does not plan for
    broken, _ = _request(stack, "Name,Email\nBoom,boom@example.com\n")
    fine, _ = _request(stack, "Name,Email\nAsha,asha@example.com\n")
    assert stack.run_worker() == [broken, fine]
    failed = stack.one(IMPORT, broken)
    assert (failed["status"], failed["job"], failed["rows_inserted"]) == ("failed", None, 0)
    assert failed["error_message"].startswith("the import stopped on an unexpected error (RaiseException: ")
    assert "no lead was changed. Start it again" in failed["error_message"]
    assert (stack.one(IMPORT, fine)["status"], stack.one(IMPORT, fine)["rows_inserted"]) == ("completed", 1)
    assert stack.one("select count(*) as n from public.leads")["n"] == 2
