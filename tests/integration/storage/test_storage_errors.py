"""Storage's error answers over real HTTP: HTTP 400 with the real code as a string `statusCode` (D.5)."""

from __future__ import annotations

import time
import uuid

import httpx
import jwt
import pytest

from tests.integration.storage.conftest import StorageStack
from tests.support.tokens import user_token

ASSIGNMENTS = "assignments"


def _error(response: httpx.Response, status: int = 400) -> dict[str, str]:
    assert response.status_code == status, response.text
    return response.json()


def test_missing_buckets_and_objects(service: httpx.Client, bucket: str) -> None:
    assert _error(service.get("/bucket/no-such-bucket")) == {
        "statusCode": "404",
        "code": "NoSuchBucket",
        "error": "Bucket not found",
        "message": "Bucket not found",
    }
    assert _error(service.get(f"/object/{bucket}/missing.txt")) == {
        "statusCode": "404",
        "code": "NoSuchKey",
        "error": "not_found",
        "message": "Object not found",
    }
    assert _error(service.post("/object/no-such-bucket/a.txt", content=b"x"))["code"] == "NoSuchBucket"


def test_invalid_keys_and_bucket_names(service: httpx.Client, bucket: str) -> None:
    assert _error(service.post(f"/object/{bucket}/a%23b.txt", content=b"x")) == {
        "statusCode": "400",
        "code": "InvalidKey",
        "error": "InvalidKey",
        "message": "Invalid key: a#b.txt",
    }
    assert _error(service.post("/bucket", json={"name": "no/slash"})) == {
        "statusCode": "400",
        "code": "InvalidBucketName",
        "error": "Invalid Input",
        "message": "Bucket name invalid",
    }


def test_duplicates_are_409(service: httpx.Client, bucket: str) -> None:
    service.post(f"/object/{bucket}/once.txt", content=b"x").raise_for_status()
    duplicate_key = _error(service.post(f"/object/{bucket}/once.txt", content=b"x"))
    assert duplicate_key == {
        "statusCode": "409",
        "code": "KeyAlreadyExists",
        "error": "Duplicate",
        "message": "The resource already exists",
    }
    assert _error(service.post("/bucket", json={"name": bucket}))["code"] == "BucketAlreadyExists"


def test_a_bucket_with_objects_cannot_be_deleted(service: httpx.Client, bucket: str) -> None:
    service.post(f"/object/{bucket}/kept.txt", content=b"x").raise_for_status()
    assert _error(service.delete(f"/bucket/{bucket}")) == {
        "statusCode": "409",
        "code": "ResourceNotEmpty",
        "error": "ResourceNotEmpty",
        "message": "The bucket you tried to delete is not empty",
    }


def test_policies_refusing_a_write_give_access_denied(storage_stack: StorageStack) -> None:
    student, other = str(uuid.uuid4()), str(uuid.uuid4())
    with storage_stack.user(student) as http:
        assert _error(http.post(f"/object/{ASSIGNMENTS}/{other}/x.txt", content=b"x")) == {
            "statusCode": "403",
            "code": "AccessDenied",
            "error": "Unauthorized",
            "message": "new row violates row-level security policy",
        }
        assert _error(http.post("/bucket", json={"name": f"mine-{student}"}))["code"] == "AccessDenied"


def test_limits_refuse_large_files_and_unlisted_types(service: httpx.Client, bucket: str) -> None:
    service.put(f"/bucket/{bucket}", json={"file_size_limit": 4, "allowed_mime_types": ["image/png"]})
    png = {"content-type": "image/png"}
    too_large = service.post(f"/object/{bucket}/big.png", content=b"12345", headers=png)
    assert _error(too_large) == {
        "statusCode": "413",
        "code": "EntityTooLarge",
        "error": "Payload too large",
        "message": "The object exceeded the maximum allowed size",
    }
    wrong_type = service.post(f"/object/{bucket}/a.txt", content=b"1", headers={"content-type": "text/plain"})
    assert _error(wrong_type) == {
        "statusCode": "415",
        "code": "InvalidMimeType",
        "error": "invalid_mime_type",
        "message": "mime type text/plain is not supported",
    }
    unknown_unit = service.put(f"/bucket/{bucket}", json={"file_size_limit": "1TB"})
    assert _error(unknown_unit)["code"] == "InvalidRequest"


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (jwt.encode({"role": "authenticated", "exp": int(time.time()) + 60}, "x" * 40), "invalid signature"),
        ("not.a.jwt", "jwt malformed"),
        ("", "jwt must be provided"),
    ],
)
def test_bad_tokens_are_refused_where_a_jwt_is_required(
    storage_stack: StorageStack, token: str, message: str
) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with storage_stack.keyless() as http:
        assert _error(http.get("/bucket", headers=headers)) == {
            "statusCode": "403",
            "code": "AccessDenied",
            "error": "Unauthorized",
            "message": message,
        }


def test_an_expired_token_is_refused_as_expired(storage_stack: StorageStack) -> None:
    expired = user_token(storage_stack.settings.jwt_secret, str(uuid.uuid4()), lifetime=-3600)
    with storage_stack.client(expired) as http:
        assert _error(http.get("/bucket"))["message"] == "jwt expired"


def test_public_and_signed_urls_need_no_key_but_other_routes_need_a_jwt(
    storage_stack: StorageStack, service: httpx.Client, bucket: str
) -> None:
    service.put(f"/bucket/{bucket}", json={"public": True}).raise_for_status()
    service.post(f"/object/{bucket}/open.txt", content=b"open").raise_for_status()
    signed = service.post(f"/object/sign/{bucket}/open.txt", json={"expiresIn": 60}).json()["signedURL"]
    with storage_stack.keyless() as http:
        assert http.get(f"/object/public/{bucket}/open.txt").content == b"open"
        assert http.get(f"/object/{bucket}/open.txt").content == b"open"
        assert http.get(signed).content == b"open"
        assert _error(http.post(f"/object/{bucket}/new.txt", content=b"x"))["code"] == "AccessDenied"


def test_signed_url_tokens_name_one_object_and_one_purpose(service: httpx.Client, bucket: str) -> None:
    for name in ("a.txt", "b.txt"):
        service.post(f"/object/{bucket}/{name}", content=name.encode()).raise_for_status()
    signed_a = service.post(f"/object/sign/{bucket}/a.txt", json={"expiresIn": 60}).json()["signedURL"]
    token = signed_a.split("token=")[1]
    assert _error(service.get(f"/object/sign/{bucket}/b.txt?token={token}"))["code"] == "InvalidSignature"
    upload = service.post(f"/object/upload/sign/{bucket}/c.txt").json()["token"]
    assert _error(service.get(f"/object/sign/{bucket}/c.txt?token={upload}"))["code"] == "InvalidSignature"
    assert _error(service.put(f"/object/upload/sign/{bucket}/a.txt?token={token}", content=b"x"))[
        "message"
    ] == ("Invalid signature")
    assert _error(service.get(f"/object/sign/{bucket}/a.txt?token=junk"))["code"] == "InvalidJWT"
    assert _error(service.get(f"/object/sign/{bucket}/a.txt"))["code"] == "InvalidRequest"


def test_image_transformations_are_not_enabled(service: httpx.Client, bucket: str) -> None:
    response = service.get(f"/render/image/public/{bucket}/a.png?width=10")
    assert _error(response, 403) == {
        "statusCode": "403",
        "code": "FeatureNotEnabled",
        "error": "FeatureNotEnabled",
        "message": "feature not enabled for this tenant",
    }


def test_unknown_routes_and_methods_are_not_found(service: httpx.Client) -> None:
    assert _error(service.get("/nowhere"), 404)["message"] == "Route GET:/nowhere not found"
    assert _error(service.patch("/bucket"), 404)["statusCode"] == "404"
