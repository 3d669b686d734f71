"""Storing an object: bytes under a fresh version, then its row, the way Storage's uploader does (D.1)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request

from devstack.gateway.storage import bucket_table, incoming, limits, object_table
from devstack.gateway.storage.blobs import version_of
from devstack.gateway.storage.object_table import ObjectWrite
from devstack.gateway.storage.rendering import timestamp
from devstack.gateway.storage.service import StorageService
from devstack.gateway.storage.session import Session


def object_metadata(size: int, md5: str, mimetype: str, cache_control: str) -> dict[str, Any]:
    """The `metadata` column as Storage writes it (`ObjectMetadata` of its backends)."""
    return {
        "eTag": f'"{md5}"',
        "size": size,
        "mimetype": mimetype,
        "cacheControl": cache_control,
        "lastModified": timestamp(datetime.now(UTC)),
        "contentLength": size,
        "httpStatusCode": 200,
    }


async def store(session: Session, write: ObjectWrite, place: Callable[[uuid.UUID], None]) -> dict[str, Any]:
    """Put the bytes in place under a new version (`place`), then save the row as service_role.

    The session removes the new bytes if the transaction fails, and the replaced ones once it commits.
    """
    version = uuid.uuid4()
    place(version)
    session.fresh.append(version)
    row, replaced = await object_table.save(session, dataclasses.replace(write, version=str(version)))
    if replaced and (old := version_of(replaced)):
        session.obsolete.append(old)
    return row


async def upload(
    service: StorageService, session: Session, request: Request, write: ObjectWrite, *, check_permission: bool
) -> dict[str, Any]:
    """Receive the request's body as `write`'s object and store it.

    The bucket must exist; with `check_permission` the caller's policies must allow the write
    (tried before any byte is read). Size and MIME type limits of the bucket apply.
    """
    bucket = await bucket_table.require(session, write.bucket_id, privileged=True)
    if check_permission:
        await object_table.check_write(session, write)
    limit = limits.upload_limit(bucket["file_size_limit"], service.size_limit, write.name)
    received = await incoming.receive(request, service.blobs, limit, bucket["allowed_mime_types"], write.name)
    metadata = object_metadata(
        received.blob.size, received.blob.md5, received.mimetype, received.cache_control
    )
    complete = dataclasses.replace(write, metadata=metadata, user_metadata=received.user_metadata)
    return await store(session, complete, lambda version: service.blobs.publish(received.blob, version))
