"""`/object/move` and `/object/copy`: within or across buckets, decided by the caller's policies."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.storage import bodies, incoming, names, object_table, uploads
from devstack.gateway.storage.blobs import version_of
from devstack.gateway.storage.bodies import Transfer
from devstack.gateway.storage.object_table import ObjectWrite
from devstack.gateway.storage.rendering import StorageJSON, object_json, timestamp
from devstack.gateway.storage.service import storage_service


def _ends(body: Transfer) -> tuple[tuple[str, str], tuple[str, str]]:
    """The checked `(bucket, key)` of source and destination (same bucket unless given)."""
    source = (names.bucket_name(body.bucketId), names.object_key(body.sourceKey))
    destination_bucket = names.bucket_name(body.destinationBucket or body.bucketId)
    return source, (destination_bucket, names.object_key(body.destinationKey))


def _copied(write: ObjectWrite, original: dict[str, Any], body: Transfer, request: Request) -> ObjectWrite:
    """The copy's row: the source's metadata (and user metadata) unless `copyMetadata` is false,
    in which case the body's `metadata` and the `x-metadata` header take their place."""
    metadata = dict(original["metadata"] or {})
    if not body.copyMetadata and body.metadata:
        metadata.update(body.metadata.model_dump(exclude_none=True))
    metadata["lastModified"] = timestamp(datetime.now(UTC))
    user_metadata = original["user_metadata"] if body.copyMetadata else incoming.header_metadata(request)
    return dataclasses.replace(write, metadata=metadata, user_metadata=user_metadata)


async def move_object(request: Request) -> Response:
    """Rename the row: the bytes stay where they are, since they are stored by version."""
    service = storage_service(request)
    source, destination = _ends(await bodies.json_body(request, Transfer))
    identity = service.identify(request)
    async with service.session(request, identity, "object.move") as session:
        moved = await object_table.move(session, source, destination, identity.owner)
    return StorageJSON({"message": "Successfully moved", "Id": str(moved["id"]), "Key": moved["name"]})


async def copy_object(request: Request) -> Response:
    """Copy bytes and metadata (or the body's `metadata` and `x-metadata` with `copyMetadata: false`).

    The caller must be able to read the source and to write the destination (`x-upsert` to replace).
    """
    service = storage_service(request)
    body = await bodies.json_body(request, Transfer)
    source, (bucket_id, name) = _ends(body)
    identity = service.identify(request)
    upsert = request.headers.get("x-upsert") == "true"
    write = ObjectWrite(bucket_id=bucket_id, name=name, owner=identity.owner, upsert=upsert)
    async with service.session(request, identity, "object.copy") as session:
        original = await object_table.find(session, *source)
        await object_table.check_write(session, write)
        copy = _copied(write, original, body, request)
        source_version = version_of(original)
        row = await uploads.store(session, copy, lambda version: service.blobs.link(source_version, version))
    return StorageJSON({"Id": str(row["id"]), "Key": f"{bucket_id}/{name}", **object_json(row)})
