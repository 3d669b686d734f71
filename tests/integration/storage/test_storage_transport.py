"""Upload bodies as storage-js sends them (raw and multipart) and downloads as browsers fetch them."""

from __future__ import annotations

import base64
import json

import httpx
import psycopg

from tests.integration.storage.conftest import StorageStack

METADATA_KEYS = {
    "eTag",
    "size",
    "mimetype",
    "cacheControl",
    "lastModified",
    "contentLength",
    "httpStatusCode",
}


def _b64(value: object) -> str:
    return base64.b64encode(json.dumps(value).encode()).decode()


def _info(service: httpx.Client, bucket: str, name: str) -> dict:
    response = service.get(f"/object/info/{bucket}/{name}")
    response.raise_for_status()
    return response.json()


def test_a_raw_body_takes_type_cache_control_and_metadata_from_headers(
    service: httpx.Client, bucket: str
) -> None:
    headers = {
        "content-type": "application/json",
        "cache-control": "max-age=60",
        "x-metadata": _b64({"lesson": 3}),
        "x-upsert": "false",
    }
    uploaded = service.post(f"/object/{bucket}/raw/data.json", content=b'{"a":1}', headers=headers)
    assert uploaded.json() == {"Id": uploaded.json()["Id"], "Key": f"{bucket}/raw/data.json"}
    info = _info(service, bucket, "raw/data.json")
    assert (info["content_type"], info["cache_control"], info["metadata"]) == (
        "application/json",
        "max-age=60",
        {"lesson": 3},
    )


def test_a_raw_body_without_headers_is_octet_stream_without_cache(service: httpx.Client, bucket: str) -> None:
    service.post(f"/object/{bucket}/blob.bin", content=b"\x00\x01").raise_for_status()
    info = _info(service, bucket, "blob.bin")
    assert (info["content_type"], info["cache_control"], info["metadata"]) == (
        "application/octet-stream",
        "no-cache",
        None,
    )


def test_multipart_with_an_unnamed_file_part_as_storage_js_sends_it(
    service: httpx.Client, bucket: str
) -> None:
    fields = {"cacheControl": "3600", "metadata": json.dumps({"by": "js"})}
    files = {"": ("blob", b"<p>hi</p>", "text/html")}
    service.post(f"/object/{bucket}/page.html", data=fields, files=files).raise_for_status()
    info = _info(service, bucket, "page.html")
    assert (info["content_type"], info["cache_control"], info["metadata"]) == (
        "text/html",
        "max-age=3600",
        {"by": "js"},
    )
    download = service.get(f"/object/{bucket}/page.html")
    assert (download.content, download.headers["content-type"]) == (b"<p>hi</p>", "text/plain")


def test_multipart_content_type_field_overrides_the_part_type(service: httpx.Client, bucket: str) -> None:
    files = {"file": ("x.csv", b"a,b", "text/plain")}
    service.post(f"/object/{bucket}/x.csv", data={"contentType": "text/csv"}, files=files).raise_for_status()
    assert _info(service, bucket, "x.csv")["content_type"] == "text/csv"


def test_the_metadata_column_is_written_as_storage_writes_it(
    storage_stack: StorageStack, service: httpx.Client, bucket: str
) -> None:
    service.post(f"/object/{bucket}/m.txt", content=b"12345", headers={"content-type": "text/plain"})
    with psycopg.connect(storage_stack.db_url) as conn:
        metadata, version = conn.execute(
            "select metadata, version from storage.objects where bucket_id = %s and name = 'm.txt'", (bucket,)
        ).fetchone()
    assert set(metadata) == METADATA_KEYS
    assert (metadata["size"], metadata["contentLength"], metadata["httpStatusCode"]) == (5, 5, 200)
    assert metadata["eTag"] == '"827ccb0eea8a706c4c34a16891f84e7b"'  # md5 of "12345"
    assert metadata["lastModified"].endswith("Z")
    assert len(version) == 36


def test_downloads_answer_single_byte_ranges(service: httpx.Client, bucket: str) -> None:
    service.post(f"/object/{bucket}/digits.txt", content=b"0123456789").raise_for_status()
    part = service.get(f"/object/{bucket}/digits.txt", headers={"range": "bytes=2-4"})
    assert (part.status_code, part.content, part.headers["content-range"]) == (206, b"234", "bytes 2-4/10")
    tail = service.get(f"/object/{bucket}/digits.txt", headers={"range": "bytes=-3"})
    assert (tail.status_code, tail.content) == (206, b"789")
    several = service.get(f"/object/{bucket}/digits.txt", headers={"range": "bytes=0-1,5-6"})
    assert (several.status_code, several.content) == (200, b"0123456789")
    beyond = service.get(f"/object/{bucket}/digits.txt", headers={"range": "bytes=10-"})
    assert (beyond.status_code, beyond.json()["code"]) == (416, "InvalidRange")


def test_downloads_carry_caching_headers_and_honour_if_none_match(service: httpx.Client, bucket: str) -> None:
    service.post(f"/object/{bucket}/c.txt", content=b"cache me", headers={"cache-control": "max-age=30"})
    first = service.get(f"/object/{bucket}/c.txt")
    assert first.headers["cache-control"] == "max-age=30"
    assert first.headers["content-length"] == "8"
    assert first.headers["last-modified"].endswith(" GMT")
    again = service.get(f"/object/{bucket}/c.txt", headers={"if-none-match": first.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")


def test_head_answers_headers_without_a_body(service: httpx.Client, bucket: str) -> None:
    service.post(f"/object/{bucket}/h.txt", content=b"abc", headers={"content-type": "text/plain"})
    head = service.head(f"/object/{bucket}/h.txt")
    assert (head.status_code, head.content) == (200, b"")
    assert (head.headers["content-length"], head.headers["content-type"]) == ("3", "text/plain")
    assert service.head(f"/object/{bucket}/none.txt").status_code == 400


def test_the_download_parameter_makes_an_attachment(service: httpx.Client, bucket: str) -> None:
    service.post(f"/object/{bucket}/r.pdf", content=b"%PDF").raise_for_status()
    plain = service.get(f"/object/{bucket}/r.pdf", params={"download": ""})
    assert plain.headers["content-disposition"] == "attachment;"
    named = service.get(f"/object/{bucket}/r.pdf", params={"download": "Report card.pdf"})
    expected = "attachment; filename=Report%20card.pdf; filename*=UTF-8''Report%20card.pdf;"
    assert named.headers["content-disposition"] == expected


def test_signed_downloads_expire_rather_than_cache(service: httpx.Client, bucket: str) -> None:
    service.post(f"/object/{bucket}/s.txt", content=b"s").raise_for_status()
    signed = service.post(f"/object/sign/{bucket}/s.txt", json={"expiresIn": "60"}).json()["signedURL"]
    response = service.get(signed)
    assert response.headers["expires"].endswith(" GMT")
    assert "cache-control" not in response.headers


def test_buckets_are_listed_with_search_sort_and_paging(service: httpx.Client, bucket: str) -> None:
    twin = f"{bucket}-twin"
    service.post("/bucket", json={"name": twin}).raise_for_status()
    try:
        params = {"search": bucket, "sortColumn": "id", "sortOrder": "desc"}
        assert [row["id"] for row in service.get("/bucket", params=params).json()] == [twin, bucket]
        paged = service.get("/bucket", params={**params, "limit": 1, "offset": 1}).json()
        assert [row["id"] for row in paged] == [bucket]
        assert service.get("/bucket", params={"sortColumn": "owner"}).json()["code"] == "InvalidRequest"
    finally:
        service.delete(f"/bucket/{twin}")


def test_copy_and_move_reach_other_buckets_and_copy_may_replace_metadata(
    service: httpx.Client, bucket: str
) -> None:
    other = f"{bucket}-other"
    service.post("/bucket", json={"name": other}).raise_for_status()
    try:
        headers = {"content-type": "text/plain", "cache-control": "max-age=5", "x-metadata": _b64({"a": 1})}
        service.post(f"/object/{bucket}/src.txt", content=b"s", headers=headers).raise_for_status()
        copy = {
            "bucketId": bucket,
            "sourceKey": "src.txt",
            "destinationBucket": other,
            "destinationKey": "c.txt",
        }
        new_metadata = {"copyMetadata": False, "metadata": {"mimetype": "text/csv"}}
        copied = service.post(
            "/object/copy", json={**copy, **new_metadata}, headers={"x-metadata": _b64({"b": 2})}
        )
        assert copied.json()["Key"] == f"{other}/c.txt"
        info = _info(service, other, "c.txt")
        assert (info["content_type"], info["cache_control"], info["metadata"]) == (
            "text/csv",
            "max-age=5",
            {"b": 2},
        )
        moved = service.post("/object/move", json={**copy, "destinationKey": "m.txt"})
        assert moved.json()["Key"] == "m.txt"
        assert _info(service, other, "m.txt")["metadata"] == {"a": 1}
        assert service.get(f"/object/{bucket}/src.txt").json()["code"] == "NoSuchKey"
    finally:
        service.post(f"/bucket/{other}/empty")
        service.delete(f"/bucket/{other}")
