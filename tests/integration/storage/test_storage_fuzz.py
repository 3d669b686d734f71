"""Hostile object names, headers and bodies: a 4xx in Storage's error shape, never a 500, and no
byte written outside the storage folder."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import jwt
import pytest

from tests.integration.storage.conftest import StorageStack

# Names Storage refuses as object keys: dot segments, controls, characters S3 avoids, invisible
# characters, and keys over 1024 bytes.
INVALID_NAMES = [
    "..",
    ".",
    "../escape.txt",
    "a/../../escape.txt",
    "a/./b.txt",
    "nul\x00byte.txt",
    "bell\x07.txt",
    "new\nline.txt",
    "back\\slash.txt",
    "C:\\Windows\\win.ini",
    "percent%2e%2e",
    "hash#fragment",
    'quote"s',
    "<script>",
    "~tilde",
    "rtl\u202eexe.txt",
    "zero\u200bwidth",
    "bom\ufeff",
    "x" * 1025,
    "é" * 513,
    "a" + "/b" * 600,
]
# Odd names Storage accepts: they must still land inside the storage folder.
ODD_VALID_NAMES = ["/etc/passwd", "//double//slash", "   ", "trailing/", "😀" * 256, "..dots..", "a b&c=d;e"]
BLOB = re.compile(r"objects/([0-9a-f]{2})/(\1[0-9a-f]{30})")


def _url_path(name: str) -> str:
    """The name as a URL path: every byte but letters, digits and `/` percent-encoded (dots too,
    so that no client or server folds `..` away before Storage sees it)."""
    return quote(name, safe="/").replace(".", "%2E")


def _storage_error(response: httpx.Response, where: str) -> None:
    """A 4xx with Storage's error body (HEAD answers carry no body)."""
    assert 400 <= response.status_code < 500, f"{where}: {response.status_code} {response.text[:200]}"
    if response.request.method != "HEAD":
        body = response.json()
        assert all(isinstance(body.get(field), str) for field in ("statusCode", "error", "message")), where


def _not_a_server_error(response: httpx.Response, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:200]}"
    if response.status_code >= 400:
        _storage_error(response, where)


def _object_routes(http: httpx.Client, bucket: str, name: str) -> Iterator[tuple[str, httpx.Response]]:
    path = f"{bucket}/{_url_path(name)}"
    sends: list[tuple[str, Callable[[], httpx.Response]]] = [
        ("upload", lambda: http.post(f"/object/{path}", content=b"x")),
        ("update", lambda: http.put(f"/object/{path}", content=b"x")),
        ("download", lambda: http.get(f"/object/{path}")),
        ("head", lambda: http.head(f"/object/{path}")),
        ("authenticated", lambda: http.get(f"/object/authenticated/{path}")),
        ("public", lambda: http.get(f"/object/public/{path}")),
        ("info", lambda: http.get(f"/object/info/{path}")),
        ("sign", lambda: http.post(f"/object/sign/{path}", json={"expiresIn": 60})),
        ("signed download", lambda: http.get(f"/object/sign/{path}?token=x")),
        ("sign upload", lambda: http.post(f"/object/upload/sign/{path}")),
        ("signed upload", lambda: http.put(f"/object/upload/sign/{path}?token=x", content=b"x")),
        ("delete", lambda: http.delete(f"/object/{path}")),
    ]
    for route, send in sends:
        yield route, send()


def _json_routes(http: httpx.Client, bucket: str, name: str) -> Iterator[tuple[str, httpx.Response]]:
    move = {"bucketId": bucket, "sourceKey": "kept.txt", "destinationKey": name}
    yield "move to", http.post("/object/move", json=move)
    yield "copy to", http.post("/object/copy", json=move)
    yield "move from", http.post("/object/move", json={**move, "sourceKey": name, "destinationKey": "k2.txt"})
    yield "list", http.post(f"/object/list/{bucket}", json={"prefix": name, "search": name})


@pytest.fixture
def jail(storage_stack: StorageStack) -> Iterator[None]:
    """After the test, every file under the folder around the storage folder is a version blob."""
    outer = storage_stack.storage_dir.parent
    yield
    for path in outer.rglob("*"):
        if path.is_file():
            relative = path.relative_to(storage_stack.storage_dir).as_posix()
            assert BLOB.fullmatch(relative), f"unexpected file {path}"


@pytest.fixture
def kept(service: httpx.Client, bucket: str) -> str:
    service.post(f"/object/{bucket}/kept.txt", content=b"kept").raise_for_status()
    return bucket


@pytest.mark.usefixtures("jail")
@pytest.mark.parametrize("name", INVALID_NAMES, ids=range(len(INVALID_NAMES)))
def test_invalid_names_are_refused_by_every_route(service: httpx.Client, kept: str, name: str) -> None:
    for route, response in [*_object_routes(service, kept, name), *_json_routes(service, kept, name)]:
        if route == "list":
            _not_a_server_error(response, route)
        else:
            _storage_error(response, route)
    assert service.request("DELETE", f"/object/{kept}", json={"prefixes": [name]}).json() == []
    signed = service.post(f"/object/sign/{kept}", json={"expiresIn": 60, "paths": [name]}).json()
    assert signed[0]["signedURL"] is None
    assert service.get(f"/object/{kept}/kept.txt").content == b"kept"


@pytest.mark.usefixtures("jail")
@pytest.mark.parametrize("name", ODD_VALID_NAMES, ids=range(len(ODD_VALID_NAMES)))
def test_odd_but_valid_names_stay_inside_the_storage_folder(
    service: httpx.Client, kept: str, name: str
) -> None:
    for route, response in [*_object_routes(service, kept, name), *_json_routes(service, kept, name)]:
        _not_a_server_error(response, route)


def _multipart(boundary: str, *parts: str) -> bytes:
    return "".join(f"--{boundary}\r\n{part}\r\n" for part in parts).encode() + f"--{boundary}--\r\n".encode()


FILE_PART = (
    'Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi'
)
MULTIPART = "multipart/form-data; boundary=fuzz"
BAD_UPLOADS = {
    "no boundary": ({"content-type": "multipart/form-data"}, b"--x\r\n"),
    "not multipart": ({"content-type": MULTIPART}, b"just bytes"),
    "no file part": (
        {"content-type": MULTIPART},
        _multipart("fuzz", 'Content-Disposition: form-data; name="a"\r\n\r\nb'),
    ),
    "two files": ({"content-type": MULTIPART}, _multipart("fuzz", FILE_PART, FILE_PART)),
    "part without name": (
        {"content-type": MULTIPART},
        _multipart("fuzz", "Content-Disposition: form-data\r\n\r\nx"),
    ),
    "type with newline": (
        {"content-type": MULTIPART},
        _multipart(
            "fuzz",
            'Content-Disposition: form-data; name="contentType"\r\n\r\ntext/plain\r\nX-Evil: 1',
            FILE_PART,
        ),
    ),
    "too many fields": (
        {"content-type": MULTIPART},
        _multipart(
            "fuzz", *[f'Content-Disposition: form-data; name="f{i}"\r\n\r\nv' for i in range(11)], FILE_PART
        ),
    ),
}


@pytest.mark.usefixtures("jail")
@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_malformed_upload_bodies_are_refused(service: httpx.Client, bucket: str, case: str) -> None:
    headers, body = BAD_UPLOADS[case]
    _storage_error(service.post(f"/object/{bucket}/up.txt", content=body, headers=headers), case)


@pytest.mark.usefixtures("jail")
def test_odd_headers_never_break_uploads_or_downloads(service: httpx.Client, kept: str) -> None:
    for value in ("!!!", base64.b64encode(b"\xff\xfe").decode(), base64.b64encode(b"[1, 2").decode()):
        upload = service.post(
            f"/object/{kept}/meta.txt", content=b"m", headers={"x-metadata": value, "x-upsert": "true"}
        )
        assert upload.status_code == 200
        assert service.get(f"/object/info/{kept}/meta.txt").json()["metadata"] is None
    for value in (
        "bytes=abc",
        "bytes=" + "9" * 5000 + "-",
        "bytes=-0",
        "pages=1-2",
        "bytes=5-1",
        "bytes=" + "1-2," * 500,
    ):
        _not_a_server_error(service.get(f"/object/{kept}/kept.txt", headers={"range": value}), value[:20])
    assert (
        service.post(f"/object/{kept}/maybe.txt", content=b"x", headers={"x-upsert": "maybe"}).status_code
        == 200
    )


def test_odd_authorization_headers_are_refused(storage_stack: StorageStack) -> None:
    secret = storage_stack.settings.jwt_secret
    foreign_role = jwt.encode({"role": "postgres", "exp": int(time.time()) + 60}, secret)
    for value in (
        "Bearer",
        "Bearer ...",
        "Basic YWxhZGRpbjpvcGVu",
        f"Bearer {foreign_role}",
        "Bearer " + "a" * 5000,
    ):
        with storage_stack.keyless() as http:
            _storage_error(http.get("/bucket", headers={"authorization": value}), value[:20])


def _encoded(value: object) -> bytes:
    return json.dumps(value).encode()


# (label, body, routes that may accept it: a body without any field a route reads is a valid no-op)
HOSTILE_BODIES = [
    ("not json", b"{nope", ()),
    ("array", b"[]", ()),
    ("string", b'"x"', ()),
    ("deep", b"[" * 100_000, ()),
    ("huge number", b'{"expiresIn": 1e400, "prefix": 1e400}', ("update bucket",)),
    ("long digits", b'{"expiresIn": ' + b"9" * 5000 + b"}", ()),
    (
        "nul",
        _encoded({"prefix": "a\x00", "search": "\x00", "name": "b\x00", "expiresIn": 60}),
        ("update bucket", "sign"),
    ),
    (
        "surrogate",
        b'{"prefix": "\\ud800", "name": "\\ud800", "bucketId": "\\ud800", "paths": ["\\ud800"]}',
        (),
    ),
    (
        "wrong types",
        _encoded({"prefix": 1, "expiresIn": "soon", "prefixes": "a", "paths": {}, "public": "maybe"}),
        (),
    ),
    ("empty lists", _encoded({"prefixes": [], "paths": [], "prefix": ""}), ("update bucket", "list")),
    ("bad limits", _encoded({"name": "x", "file_size_limit": -1, "allowed_mime_types": ["not a type"]}), ()),
    ("too large", b'{"prefix": "' + b"a" * (2 * 1024 * 1024) + b'"}', ()),
]


@pytest.mark.usefixtures("jail")
@pytest.mark.parametrize(
    ("label", "body", "accepted"), HOSTILE_BODIES, ids=[case[0] for case in HOSTILE_BODIES]
)
def test_hostile_json_bodies_are_refused(
    service: httpx.Client, kept: str, label: str, body: bytes, accepted: tuple[str, ...]
) -> None:
    routes = {
        "create bucket": ("POST", "/bucket"),
        "update bucket": ("PUT", f"/bucket/{kept}"),
        "list": ("POST", f"/object/list/{kept}"),
        "move": ("POST", "/object/move"),
        "copy": ("POST", "/object/copy"),
        "sign many": ("POST", f"/object/sign/{kept}"),
        "sign": ("POST", f"/object/sign/{kept}/kept.txt"),
        "remove": ("DELETE", f"/object/{kept}"),
    }
    for route, (method, path) in routes.items():
        response = service.request(method, path, content=body, headers={"content-type": "application/json"})
        if route in accepted:
            assert response.status_code == 200, f"{label}: {route}"
        else:
            _storage_error(response, f"{label}: {route}")
    assert service.get(f"/object/{kept}/kept.txt").content == b"kept"


def test_a_random_bucket_name_in_the_path_is_never_a_folder(
    storage_stack: StorageStack, service: httpx.Client
) -> None:
    outside = storage_stack.storage_dir.parent / f"escape-{uuid.uuid4().hex}"
    bucket = quote(f"../{outside.name}", safe="").replace(".", "%2E")
    _storage_error(service.post(f"/object/{bucket}/x.txt", content=b"x"), "upload")
    _storage_error(service.post("/bucket", json={"name": f"../{outside.name}"}), "create bucket")
    assert not outside.exists()
    assert not Path(str(storage_stack.storage_dir), "..", outside.name).exists()
