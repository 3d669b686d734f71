"""Bytes on disk follow the rows: one file per version, replaced and removed with them, never orphaned."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.integration.storage.conftest import StorageStack


def _version_file(stack: StorageStack, bucket: str, name: str) -> Path:
    with psycopg.connect(stack.db_url) as conn:
        (version,) = conn.execute(
            "select version from storage.objects where bucket_id = %s and name = %s", (bucket, name)
        ).fetchone()
    return stack.storage_dir / "objects" / uuid.UUID(version).hex[:2] / uuid.UUID(version).hex


def _staged(stack: StorageStack) -> list[Path]:
    return list((stack.storage_dir / "incoming").glob("*"))


@pytest.fixture
def sql(storage_stack: StorageStack) -> Iterator[psycopg.Connection]:
    with psycopg.connect(storage_stack.db_url, autocommit=True) as conn:
        yield conn


def test_an_upload_is_one_file_named_by_its_version(
    storage_stack: StorageStack, service: httpx.Client, bucket: str
) -> None:
    service.post(f"/object/{bucket}/../../escape/../x", content=b"nope")
    service.post(f"/object/{bucket}/notes/a.txt", content=b"bytes").raise_for_status()
    assert _version_file(storage_stack, bucket, "notes/a.txt").read_bytes() == b"bytes"
    assert _staged(storage_stack) == []
    assert not (storage_stack.storage_dir / bucket).exists()


def test_replacing_an_object_removes_its_old_bytes(
    storage_stack: StorageStack, service: httpx.Client, bucket: str
) -> None:
    service.post(f"/object/{bucket}/r.txt", content=b"old").raise_for_status()
    old = _version_file(storage_stack, bucket, "r.txt")
    service.put(f"/object/{bucket}/r.txt", content=b"new").raise_for_status()
    new = _version_file(storage_stack, bucket, "r.txt")
    assert (old.exists(), new.read_bytes()) == (False, b"new")


def test_deleting_objects_removes_their_bytes(
    storage_stack: StorageStack, service: httpx.Client, bucket: str
) -> None:
    files = {}
    for name in ("one.txt", "two.txt", "three.txt"):
        service.post(f"/object/{bucket}/{name}", content=name.encode()).raise_for_status()
        files[name] = _version_file(storage_stack, bucket, name)
    service.delete(f"/object/{bucket}/one.txt").raise_for_status()
    assert not files["one.txt"].exists()
    service.request("DELETE", f"/object/{bucket}", json={"prefixes": ["two.txt"]}).raise_for_status()
    assert not files["two.txt"].exists()
    service.post(f"/bucket/{bucket}/empty").raise_for_status()
    assert not files["three.txt"].exists()


def test_a_copy_keeps_its_bytes_when_the_source_goes(service: httpx.Client, bucket: str) -> None:
    service.post(f"/object/{bucket}/source.txt", content=b"shared").raise_for_status()
    service.post(
        "/object/copy", json={"bucketId": bucket, "sourceKey": "source.txt", "destinationKey": "copy.txt"}
    )
    service.delete(f"/object/{bucket}/source.txt").raise_for_status()
    assert service.get(f"/object/{bucket}/copy.txt").content == b"shared"


def test_refused_uploads_leave_no_bytes(
    storage_stack: StorageStack, service: httpx.Client, bucket: str
) -> None:
    service.put(f"/bucket/{bucket}", json={"file_size_limit": 3, "allowed_mime_types": ["text/plain"]})
    before = storage_stack.blob_files()
    plain = {"content-type": "text/plain"}
    assert service.post(f"/object/{bucket}/big.txt", content=b"four", headers=plain).status_code == 400
    assert (
        service.post(
            f"/object/{bucket}/a.png", content=b"png", headers={"content-type": "image/png"}
        ).status_code
        == 400
    )
    with storage_stack.user(str(uuid.uuid4())) as student:
        assert student.post(f"/object/{bucket}/x.txt", content=b"x", headers=plain).status_code == 400
    assert storage_stack.blob_files() == before


def test_bytes_of_a_failed_transaction_are_removed(
    storage_stack: StorageStack, service: httpx.Client, bucket: str, sql: psycopg.Connection
) -> None:
    token = service.post(f"/object/upload/sign/{bucket}/refuse-me.txt").json()["token"]
    sql.execute(
        """create function public.refuse_marked_objects() returns trigger language plpgsql as $$
           begin
             if new.name like '%refuse-me%' then
               raise exception 'refused by trigger' using errcode = '22023';
             end if;
             return new;
           end $$"""
    )
    sql.execute(
        "create trigger refuse_marked before insert on storage.objects"
        " for each row execute function public.refuse_marked_objects()"
    )
    try:
        before = storage_stack.blob_files()
        refused = service.put(f"/object/upload/sign/{bucket}/refuse-me.txt?token={token}", content=b"x")
        assert (refused.status_code, refused.json()["message"]) == (400, "refused by trigger")
        assert storage_stack.blob_files() == before
    finally:
        sql.execute("drop trigger refuse_marked on storage.objects")
        sql.execute("drop function public.refuse_marked_objects()")


def test_deletes_run_with_the_storage_delete_permission(
    service: httpx.Client, bucket: str, sql: psycopg.Connection
) -> None:
    service.post(f"/object/{bucket}/d.txt", content=b"d").raise_for_status()
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="Direct deletion"):
        sql.execute("delete from storage.objects where bucket_id = %s", (bucket,))
    assert service.delete(f"/object/{bucket}/d.txt").json() == {"message": "Successfully deleted"}


def test_policies_see_the_scope_storage_sets(
    storage_stack: StorageStack, service: httpx.Client, bucket: str, sql: psycopg.Connection
) -> None:
    policy = f"scope test {bucket}"
    sql.execute(
        f"""create policy "{policy}" on storage.objects for insert to authenticated with check (
              bucket_id = '{bucket}'
              and current_setting('storage.operation', true) = 'object.upload'
              and current_setting('request.jwt.claim.sub', true) = (storage.foldername(name))[1]
              and current_setting('request.jwt', true) <> ''
            )"""
    )
    try:
        student = str(uuid.uuid4())
        with storage_stack.user(student) as http:
            assert http.post(f"/object/{bucket}/{student}/ok.txt", content=b"x").status_code == 200
            assert http.post(f"/object/{bucket}/someone/ok.txt", content=b"x").status_code == 400
    finally:
        sql.execute(f'drop policy "{policy}" on storage.objects')
