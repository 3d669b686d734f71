"""supabase-py's Storage client, sync and async, against the target: every call it offers for files."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from storage3.exceptions import StorageApiError
from storage3.types import CreateSignedUploadUrlOptions

from tests.conformance.storage.conftest import Clients, remove_bucket, settle

pytestmark = [
    pytest.mark.anyio,
    # supabase-py passes storage3 options that storage3 itself deprecates; not ours to fix.
    pytest.mark.filterwarnings("ignore:The '(timeout|verify)' parameter is deprecated:DeprecationWarning"),
]


async def _refusal(call: Callable[[], Any]) -> StorageApiError:
    """The error a client call (sync or async) raises."""
    with pytest.raises(StorageApiError) as caught:
        await settle(call())
    return caught.value


async def test_buckets_are_created_read_updated_emptied_and_deleted(clients: Clients) -> None:
    storage = await clients.service()
    bucket_id = f"lifecycle-{uuid.uuid4().hex[:12]}"
    options = {"public": True, "file_size_limit": 1024, "allowed_mime_types": ["image/png"]}
    assert await settle(storage.create_bucket(bucket_id, options=options)) == {"name": bucket_id}
    try:
        bucket = await settle(storage.get_bucket(bucket_id))
        assert (bucket.id, bucket.name, bucket.public) == (bucket_id, bucket_id, True)
        assert (bucket.file_size_limit, bucket.allowed_mime_types) == (1024, ["image/png"])
        assert bucket_id in [listed.id for listed in await settle(storage.list_buckets())]

        changes = {"public": False, "file_size_limit": 2048, "allowed_mime_types": ["text/*"]}
        assert await settle(storage.update_bucket(bucket_id, changes)) == {"message": "Successfully updated"}
        bucket = await settle(storage.get_bucket(bucket_id))
        assert (bucket.public, bucket.file_size_limit, bucket.allowed_mime_types) == (False, 2048, ["text/*"])

        await settle(storage.from_(bucket_id).upload("note.txt", b"kept", {"content-type": "text/plain"}))
        refused = await _refusal(lambda: storage.delete_bucket(bucket_id))
        assert (str(refused.status), refused.message) == (
            "409",
            "The bucket you tried to delete is not empty",
        )
        assert "message" in await settle(storage.empty_bucket(bucket_id))
        assert await settle(storage.from_(bucket_id).list()) == []
        assert await settle(storage.delete_bucket(bucket_id)) == {"message": "Successfully deleted"}
        missing = await _refusal(lambda: storage.get_bucket(bucket_id))
        assert (str(missing.status), missing.message) == ("404", "Bucket not found")
    finally:
        if bucket_id in [listed.id for listed in await settle(storage.list_buckets())]:
            await remove_bucket(storage, bucket_id)


async def test_a_taken_bucket_id_is_a_duplicate(clients: Clients, scratch_bucket: str) -> None:
    storage = await clients.service()
    refused = await _refusal(lambda: storage.create_bucket(scratch_bucket))
    assert (str(refused.status), refused.code) == ("409", "Duplicate")


async def test_uploads_keep_type_cache_control_and_user_metadata(
    clients: Clients, scratch_bucket: str
) -> None:
    files = (await clients.service()).from_(scratch_bucket)
    options = {"content-type": "text/csv", "cache-control": "120", "metadata": {"course": "ledger-101"}}
    uploaded = await settle(files.upload("reports/week1.csv", b"a,b\n1,2\n", options))
    assert (uploaded.path, uploaded.full_path) == ("reports/week1.csv", f"{scratch_bucket}/reports/week1.csv")
    info = await settle(files.info("reports/week1.csv"))
    assert info["content_type"] == "text/csv"
    assert info["cache_control"] == "max-age=120"
    assert info["metadata"] == {"course": "ledger-101"}
    assert info["size"] == 8
    assert info["etag"].startswith('"')
    assert await settle(files.download("reports/week1.csv")) == b"a,b\n1,2\n"


async def test_uploads_take_bytes_paths_and_open_files(
    clients: Clients, scratch_bucket: str, tmp_path
) -> None:
    files = (await clients.service()).from_(scratch_bucket)
    source = tmp_path / "notes.txt"
    source.write_bytes(b"from a path")
    await settle(files.upload("from-bytes.txt", b"from bytes"))
    await settle(files.upload("from-path.txt", str(source)))
    with source.open("rb") as reader:
        await settle(files.upload("from-reader.txt", reader))
    assert await settle(files.download("from-bytes.txt")) == b"from bytes"
    assert await settle(files.download("from-path.txt")) == b"from a path"
    assert await settle(files.download("from-reader.txt")) == b"from a path"


async def test_an_existing_key_is_replaced_only_by_upsert_or_update(
    clients: Clients, scratch_bucket: str
) -> None:
    files = (await clients.service()).from_(scratch_bucket)
    await settle(files.upload("essay.txt", b"draft"))
    refused = await _refusal(lambda: files.upload("essay.txt", b"second draft"))
    assert (str(refused.status), refused.code, refused.message) == (
        "409",
        "Duplicate",
        "The resource already exists",
    )
    await settle(files.upload("essay.txt", b"second draft", {"upsert": "true"}))
    assert await settle(files.download("essay.txt")) == b"second draft"
    await settle(files.update("essay.txt", b"final"))
    assert await settle(files.download("essay.txt")) == b"final"


async def test_missing_objects_are_reported_as_not_found(clients: Clients, scratch_bucket: str) -> None:
    files = (await clients.service()).from_(scratch_bucket)
    await settle(files.upload("here.txt", b"x"))
    assert await settle(files.exists("here.txt")) is True
    assert await settle(files.exists("gone.txt")) is False
    refused = await _refusal(lambda: files.download("gone.txt"))
    assert (str(refused.status), refused.code, refused.message) == ("404", "not_found", "Object not found")


async def test_listing_takes_prefix_limit_offset_sort_and_search(
    clients: Clients, scratch_bucket: str
) -> None:
    files = (await clients.service()).from_(scratch_bucket)
    for path in ("week/1.txt", "week/2.txt", "week/extra/3.txt", "top.txt"):
        await settle(files.upload(path, path.encode()))
    root = await settle(files.list())
    assert [(entry["name"], entry["id"] is None) for entry in root] == [("top.txt", False), ("week", True)]
    assert [entry["name"] for entry in await settle(files.list("week"))] == ["1.txt", "2.txt", "extra"]
    page = {"limit": 1, "offset": 1, "sortBy": {"column": "name", "order": "desc"}}
    assert [entry["name"] for entry in await settle(files.list("week/", page))] == ["2.txt"]
    found = await settle(files.list("week", {"search": "2"}))
    assert [entry["name"] for entry in found] == ["2.txt"]
    assert found[0]["metadata"]["size"] == len(b"week/2.txt")


async def test_move_copy_and_remove(clients: Clients, scratch_bucket: str) -> None:
    files = (await clients.service()).from_(scratch_bucket)
    await settle(files.upload("inbox/a.txt", b"moving"))
    moved = await settle(files.move("inbox/a.txt", "archive/a.txt"))
    assert moved["message"] == "Successfully moved"
    assert await settle(files.exists("inbox/a.txt")) is False
    copied = await settle(files.copy("archive/a.txt", "copies/a.txt"))
    assert copied["Key"] == f"{scratch_bucket}/copies/a.txt"
    assert await settle(files.download("copies/a.txt")) == b"moving"
    removed = await settle(files.remove(["archive/a.txt", "copies/a.txt", "never/was.txt"]))
    assert sorted(row["name"] for row in removed) == ["archive/a.txt", "copies/a.txt"]
    assert await settle(files.list("archive")) == []


async def test_signed_urls_serve_without_keys_until_they_expire(
    clients: Clients, scratch_bucket: str
) -> None:
    files = (await clients.service()).from_(scratch_bucket)
    await settle(files.upload("slides/deck.pdf", b"%PDF-1.7", {"content-type": "application/pdf"}))
    signed = await settle(files.create_signed_url("slides/deck.pdf", 60))
    response = httpx.get(signed["signedURL"])
    assert (response.status_code, response.content) == (200, b"%PDF-1.7")
    assert response.headers["content-type"] == "application/pdf"
    as_file = await settle(files.create_signed_url("slides/deck.pdf", 60, {"download": "deck.pdf"}))
    assert (
        httpx.get(as_file["signedURL"])
        .headers["content-disposition"]
        .startswith("attachment; filename=deck.pdf")
    )
    several = await settle(files.create_signed_urls(["slides/deck.pdf", "slides/none.pdf"], 60))
    assert httpx.get(several[0]["signedURL"]).content == b"%PDF-1.7"
    assert several[1]["signedURL"] is None
    assert several[1]["error"] == "Either the object does not exist or you do not have access to it"


async def test_signed_upload_urls_let_anyone_with_the_token_upload(
    clients: Clients, scratch_bucket: str
) -> None:
    files = (await clients.service()).from_(scratch_bucket)
    grant = await settle(files.create_signed_upload_url("drop/form.txt"))
    uploaded = await settle(files.upload_to_signed_url("drop/form.txt", grant["token"], b"filled in"))
    assert uploaded.full_path == f"{scratch_bucket}/drop/form.txt"
    assert await settle(files.download("drop/form.txt")) == b"filled in"
    refused = await _refusal(lambda: files.upload_to_signed_url("drop/form.txt", grant["token"], b"again"))
    assert str(refused.status) == "409"
    upsert = CreateSignedUploadUrlOptions(upsert="true")
    regrant = await settle(files.create_signed_upload_url("drop/form.txt", upsert))
    await settle(files.upload_to_signed_url("drop/form.txt", regrant["token"], b"corrected"))
    assert await settle(files.download("drop/form.txt")) == b"corrected"


async def test_public_urls_serve_public_buckets_only(clients: Clients, scratch_bucket: str) -> None:
    storage = await clients.service()
    files = storage.from_(scratch_bucket)
    await settle(files.upload("logo.txt", b"public soon"))
    private = httpx.get(await settle(files.get_public_url("logo.txt")))
    assert (private.status_code, private.json()["statusCode"]) == (400, "404")
    await settle(storage.update_bucket(scratch_bucket, {"public": True}))
    public = httpx.get(await settle(files.get_public_url("logo.txt")))
    assert (public.status_code, public.content) == (200, b"public soon")


async def test_bucket_limits_refuse_large_files_and_other_types(
    clients: Clients, scratch_bucket: str
) -> None:
    storage = await clients.service()
    await settle(
        storage.update_bucket(scratch_bucket, {"file_size_limit": 10, "allowed_mime_types": ["text/*"]})
    )
    files = storage.from_(scratch_bucket)
    await settle(files.upload("small.txt", b"0123456789"))
    too_large = await _refusal(lambda: files.upload("large.txt", b"0123456789!"))
    assert (str(too_large.status), too_large.code) == ("413", "Payload too large")
    wrong_type = await _refusal(lambda: files.upload("image.png", b"png", {"content-type": "image/png"}))
    assert (str(wrong_type.status), wrong_type.message) == ("415", "mime type image/png is not supported")
