"""An upload's body, raw or multipart (D.3), received into a staged blob within the size limit."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from devstack.gateway.storage import errors, jsontext, limits
from devstack.gateway.storage.blobs import CHUNK_SIZE, BlobStore, StagedBlob

# Room for the form fields around the file part (the metadata field alone may take 1 MB).
FORM_OVERHEAD = 2 * 1024 * 1024
MAX_FORM_FIELDS = 10
_HEADER_VALUE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")


@dataclass(frozen=True)
class IncomingFile:
    blob: StagedBlob
    mimetype: str
    cache_control: str
    user_metadata: Any


async def bounded(stream: AsyncIterator[bytes], limit: int) -> AsyncIterator[bytes]:
    """The stream's chunks while they total at most `limit` bytes, then EntityTooLarge.

    A body over the limit is still read to its end, so that the client gets to read the answer.
    """
    total = 0
    async for chunk in stream:
        total += len(chunk)
        if total <= limit:
            yield chunk
    if total > limit:
        raise errors.entity_too_large()


def _json_or_none(text: str | None) -> Any:
    """User metadata: JSON that does not parse is ignored, as Storage ignores it."""
    try:
        return jsontext.loads(text) if text else None
    except ValueError:
        return None


def _check_header_value(name: str, value: str) -> None:
    """Refuse a value that Storage would have to send back as the `name` header but cannot."""
    if not _HEADER_VALUE.fullmatch(value):
        printable = value[:50].encode("unicode_escape").decode()
        raise errors.invalid_request(f'Invalid character in response header "{name}": {printable}')


def header_metadata(request: Request) -> Any:
    """User metadata sent as `x-metadata` (base64 of JSON)."""
    encoded = request.headers.get("x-metadata")
    try:
        return _json_or_none(base64.b64decode(encoded).decode() if encoded else None)
    except (binascii.Error, UnicodeDecodeError):
        return None


async def _raw(request: Request, blobs: BlobStore, limit: int) -> IncomingFile:
    return IncomingFile(
        blob=await blobs.receive(bounded(request.stream(), limit)),
        mimetype=request.headers.get("content-type") or "application/octet-stream",
        cache_control=request.headers.get("cache-control") or "no-cache",
        user_metadata=header_metadata(request),
    )


async def _file_chunks(upload: UploadFile) -> AsyncIterator[bytes]:
    await upload.seek(0)
    while chunk := await upload.read(CHUNK_SIZE):
        yield chunk


def _file_part(form: FormData) -> UploadFile:
    """The form's file part, whatever its field name (storage-js: "", storage3: "file")."""
    for value in form.values():
        if isinstance(value, UploadFile):
            return value
    raise errors.invalid_request("No content provided")


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) and value else None


async def _parse_form(request: Request, limit: int) -> FormData:
    parser = MultiPartParser(
        request.headers,
        bounded(request.stream(), limit + FORM_OVERHEAD),
        max_files=1,
        max_fields=MAX_FORM_FIELDS,
    )
    try:
        return await parser.parse()
    except MultiPartException as error:
        raise errors.invalid_request(error.message) from error


async def _multipart(request: Request, blobs: BlobStore, limit: int) -> IncomingFile:
    form = await _parse_form(request, limit)
    try:
        upload = _file_part(form)
        if (upload.size or 0) > limit:
            raise errors.entity_too_large()
        cache_time = _field(form, "cacheControl")
        return IncomingFile(
            blob=await blobs.receive(_file_chunks(upload)),
            mimetype=_field(form, "contentType") or upload.content_type or "text/plain",
            cache_control=f"max-age={cache_time}" if cache_time else "no-cache",
            user_metadata=_json_or_none(_field(form, "metadata") or _field(form, "userMetadata")),
        )
    finally:
        await form.close()


async def receive(
    request: Request, blobs: BlobStore, limit: int, allowed_types: list[str] | None, name: str
) -> IncomingFile:
    """The file uploaded as object `name`, with its type, cache control and user metadata, staged.

    Raises EntityTooLarge above `limit` bytes, InvalidMimeType for a type outside `allowed_types`,
    and InvalidRequest for a body that is not an upload or that cannot be served back.
    """
    content_type = request.headers.get("content-type", "")
    if content_type.lower().startswith("multipart/form-data"):
        incoming = await _multipart(request, blobs, limit)
    else:
        incoming = await _raw(request, blobs, limit)
    try:
        _check_header_value("Content-Type", incoming.mimetype)
        _check_header_value("Cache-Control", incoming.cache_control)
        limits.check_mime_type(incoming.mimetype, allowed_types, name)
    except errors.StorageError:
        blobs.discard(incoming.blob)
        raise
    return incoming
