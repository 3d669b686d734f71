"""Responses that deliver an object: its bytes (whole or a range), or only its headers."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from devstack.gateway.storage import errors, ranges
from devstack.gateway.storage.blobs import OpenBlob, read_range

# encodeURIComponent leaves these unescaped.
_URI_COMPONENT_SAFE = "-_.!~*'()"


def _content_type(mimetype: str | None) -> str:
    """Storage never serves HTML as HTML: a stored page must not run as the project's origin."""
    mimetype = mimetype or "application/octet-stream"
    return "text/plain" if "text/html" in mimetype else mimetype


def _http_date(iso: str | None) -> str | None:
    return format_datetime(datetime.fromisoformat(iso), usegmt=True) if iso else None


def object_headers(metadata: dict[str, Any] | None, length: int) -> dict[str, str]:
    """The headers Storage derives from an object's stored metadata."""
    metadata = metadata or {}
    headers = {
        "accept-ranges": "bytes",
        "content-type": _content_type(metadata.get("mimetype")),
        "etag": metadata.get("eTag") or "",
        "content-length": str(length),
        "last-modified": _http_date(metadata.get("lastModified")) or "",
        "cache-control": metadata.get("cacheControl") or "no-cache",
    }
    return {name: value for name, value in headers.items() if value}


def _disposition(download: str) -> str:
    if not download:
        return "attachment;"
    name = quote(download, safe=_URI_COMPONENT_SAFE)
    return f"attachment; filename={name}; filename*=UTF-8''{name};"


def head(metadata: dict[str, Any] | None) -> Response:
    """HEAD: the headers of the object, from its metadata, without reading its bytes."""
    length = (metadata or {}).get("contentLength") or 0
    return Response(status_code=200, headers=object_headers(metadata, int(length)))


def _asset_headers(
    metadata: dict[str, Any] | None, size: int, download: str | None, expires: str | None
) -> dict[str, str]:
    headers = object_headers(metadata, size)
    if expires:
        headers.pop("cache-control", None)
        headers["expires"] = expires
    if download is not None:
        headers["content-disposition"] = _disposition(download)
    return headers


def asset(
    request: Request,
    blob: OpenBlob,
    metadata: dict[str, Any] | None,
    download: str | None = None,
    expires: str | None = None,
) -> Response:
    """The object's bytes; honours one byte range, `If-None-Match`, `?download`, and a signed
    URL's expiry (sent as `Expires` in place of `Cache-Control`). Takes ownership of `blob`."""
    headers = _asset_headers(metadata, blob.size, download, expires)
    try:
        window = ranges.byte_range(request.headers.get("range"), blob.size)
    except errors.StorageError:
        blob.file.close()
        raise
    if headers.get("etag") and request.headers.get("if-none-match") == headers["etag"]:
        blob.file.close()
        return Response(status_code=304, headers={k: v for k, v in headers.items() if k != "content-length"})
    start, end = window or (0, blob.size)
    if window:
        headers["content-range"] = f"bytes {start}-{end - 1}/{blob.size}"
        headers["content-length"] = str(end - start)
    return StreamingResponse(
        read_range(blob, start, end), status_code=206 if window else 200, headers=headers
    )
