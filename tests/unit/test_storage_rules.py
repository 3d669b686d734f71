"""Storage's rules that need no server: object keys, bucket names, limits, byte ranges, URL tokens."""

from __future__ import annotations

import time

import jwt
import pytest

from devstack.gateway.storage import limits, names, ranges, tokens
from devstack.gateway.storage.errors import StorageError

SECRET = "unit-test-secret-that-is-long-enough-for-hs256"


@pytest.mark.parametrize(
    "key",
    ["a.txt", "folder/sub/file.png", "..dots..", "/leading", "é ü 😀.pdf", "a b&c=d;e(1)!'*,+$@", "x" * 1024],
)
def test_keys_storage_accepts(key: str) -> None:
    assert names.object_key(key) == key


REFUSED_KEYS = [
    *["", "..", ".", "../a", "a/..", "a/./b"],  # empty, dot segments
    *["a\x00", "a\nb", "a\x7f", "a\u200bb", "\u202e", "\ufeff", "\ud800"],  # controls, invisible, surrogates
    *["a#b", "a%b", "a\\b", "a~b"],  # characters S3 asks to avoid
    *["x" * 1025, "é" * 513],  # over 1024 bytes
]


@pytest.mark.parametrize("key", REFUSED_KEYS)
def test_keys_storage_refuses(key: str) -> None:
    with pytest.raises(StorageError) as refused:
        names.object_key(key)
    assert refused.value.code == "InvalidKey"


def test_bucket_names() -> None:
    assert names.bucket_name("avatars_2024-v1.(x)") == "avatars_2024-v1.(x)"
    assert names.bucket_name("b" * 100) == "b" * 100
    for bad in ("", "a/b", "b" * 101, "é", "a#b"):
        with pytest.raises(StorageError, match="Bucket name invalid"):
            names.bucket_name(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), (1500, 1500), ("20MB", 20_000_000), ("1.5kb", 1500), ("3B", 3), ("1GB", 10**9)],
)
def test_file_size_limits_take_numbers_and_units(value: int | str, expected: int) -> None:
    assert limits.file_size_limit(value, global_limit=10**9) == expected


def test_file_size_limits_are_refused_above_the_global_limit_or_without_a_unit() -> None:
    with pytest.raises(StorageError) as too_large:
        limits.file_size_limit("2GB", global_limit=10**9)
    assert too_large.value.code == "EntityTooLarge"
    for bad in ("20XB", "MB", "-1MB", "1 MB"):
        with pytest.raises(StorageError) as malformed:
            limits.file_size_limit(bad, global_limit=10**9)
        assert malformed.value.code == "InvalidRequest"


def test_allowed_mime_types_drop_empty_entries_and_refuse_malformed_ones() -> None:
    assert limits.allowed_mime_types(["image/png", "", "text/*", "text/plain; charset=utf-8"]) == [
        "image/png",
        "text/*",
        "text/plain; charset=utf-8",
    ]
    with pytest.raises(StorageError, match="mime type not a type is not supported"):
        limits.allowed_mime_types(["not a type"])


def test_mime_types_match_on_type_and_subtype_as_storage_compares_them() -> None:
    limits.check_mime_type("image/png", ["image/png"], "a.png")
    limits.check_mime_type("image/webp", ["image/*"], "a.webp")
    limits.check_mime_type("anything", None, "a")
    limits.check_mime_type("", ["image/png"], "folder/.emptyFolderPlaceholder")
    for refused in ("text/plain;charset=UTF-8", "image/gif", "png"):
        with pytest.raises(StorageError) as caught:
            limits.check_mime_type(refused, ["text/plain", "image/png"], "a")
        assert (caught.value.status, caught.value.message) == (415, f"mime type {refused} is not supported")


def test_upload_limits() -> None:
    assert limits.upload_limit(None, 100, "a.txt") == 100
    assert limits.upload_limit(10, 100, "a.txt") == 10
    assert limits.upload_limit(1000, 100, "a.txt") == 100
    assert limits.upload_limit(None, 100, "dir/.emptyFolderPlaceholder") == 0


@pytest.mark.parametrize(
    ("header", "window"),
    [
        (None, None),
        ("bytes=0-4", (0, 5)),
        ("bytes=5-", (5, 10)),
        ("bytes=-3", (7, 10)),
        ("bytes=-30", (0, 10)),
        ("bytes=8-99", (8, 10)),
        ("bytes=4-2", None),
        ("bytes=0-1,4-5", None),
        ("bytes=-", None),
        ("lines=1-2", None),
        ("bytes=0-" + "9" * 5000, (0, 10)),
    ],
)
def test_byte_ranges(header: str | None, window: tuple[int, int] | None) -> None:
    assert ranges.byte_range(header, 10) == window


@pytest.mark.parametrize(
    ("header", "size"),
    [("bytes=10-", 10), ("bytes=-0", 10), ("bytes=0-", 0), ("bytes=" + "9" * 30 + "-", 10)],
)
def test_unsatisfiable_ranges(header: str, size: int) -> None:
    with pytest.raises(StorageError) as caught:
        ranges.byte_range(header, size)
    assert (caught.value.http_status, caught.value.code) == (416, "InvalidRange")


def test_url_tokens_name_one_object_and_one_purpose() -> None:
    download = tokens.download_token(SECRET, "docs/a.txt", 60)
    assert tokens.verify(SECRET, download, "docs/a.txt", "download")["url"] == "docs/a.txt"
    upload = tokens.upload_token(SECRET, "docs/a.txt", "user-1", upsert=True)
    claims = tokens.verify(SECRET, upload, "docs/a.txt", "upload")
    assert (claims["owner"], claims["upsert"], claims["exp"] - claims["iat"]) == ("user-1", True, 7200)
    for token, url, scope in ((download, "docs/b.txt", "download"), (upload, "docs/a.txt", "download")):
        with pytest.raises(StorageError) as caught:
            tokens.verify(SECRET, token, url, scope)
        assert caught.value.code == "InvalidSignature"


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (jwt.encode({"url": "a/b", "exp": int(time.time()) - 10}, SECRET), "jwt expired"),
        (
            jwt.encode({"url": "a/b", "exp": int(time.time()) + 60}, "another-secret-of-enough-length!"),
            "invalid signature",
        ),
        ("garbage", "jwt malformed"),
    ],
)
def test_url_tokens_that_do_not_verify(token: str, message: str) -> None:
    with pytest.raises(StorageError) as caught:
        tokens.verify(SECRET, token, "a/b", "download")
    assert (caught.value.code, caught.value.message) == ("InvalidJWT", message)
