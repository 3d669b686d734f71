"""`/bucket` routes: list, get, create, update, empty and delete buckets, as the caller."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.storage import bodies, bucket_table, errors, limits, names, object_table
from devstack.gateway.storage.bodies import BucketChanges, BucketQuery, NewBucket
from devstack.gateway.storage.identity import owner_uuid
from devstack.gateway.storage.rendering import StorageJSON, bucket_json, message
from devstack.gateway.storage.service import StorageService, caller_session, storage_service


def _limits(body: NewBucket | BucketChanges, service: StorageService) -> dict[str, Any]:
    """The limit columns the body sets, parsed and checked."""
    values: dict[str, Any] = {}
    fields = body.model_fields_set
    if "file_size_limit" in fields:
        size = body.file_size_limit
        values["file_size_limit"] = None if size is None else limits.file_size_limit(size, service.size_limit)
    if "allowed_mime_types" in fields:
        types = body.allowed_mime_types
        values["allowed_mime_types"] = None if types is None else limits.allowed_mime_types(types)
    return values


async def list_buckets(request: Request) -> Response:
    options = bodies.query(request, BucketQuery)
    async with caller_session(request, "bucket.list") as session:
        rows = await bucket_table.search(
            session,
            search=options.search,
            column=options.sortColumn,
            order=options.sortOrder,
            limit=options.limit,
            offset=options.offset,
        )
    return StorageJSON([bucket_json(row) for row in rows])


async def get_bucket(request: Request) -> Response:
    async with caller_session(request, "bucket.get") as session:
        row = await bucket_table.require(session, request.path_params["bucket"])
    return StorageJSON(bucket_json(row))


async def create_bucket(request: Request) -> Response:
    service = storage_service(request)
    body = await bodies.json_body(request, NewBucket)
    identity = service.identify(request)
    values = {
        "id": names.bucket_name(body.id or body.name),
        "name": names.bucket_name(body.name),
        "owner": owner_uuid(identity.owner),
        "owner_id": identity.owner,
        "public": bool(body.public),
        "file_size_limit": None,
        "allowed_mime_types": None,
        **_limits(body, service),
    }
    async with service.session(request, identity, "bucket.create") as session:
        await bucket_table.create(session, values)
    return StorageJSON({"name": body.name})


async def update_bucket(request: Request) -> Response:
    service = storage_service(request)
    bucket_id = names.bucket_name(request.path_params["bucket"])
    body = await bodies.json_body(request, BucketChanges)
    changes = {"public": body.public} if body.public is not None else {}
    changes.update(_limits(body, service))
    async with caller_session(request, "bucket.update") as session:
        await bucket_table.update(session, bucket_id, changes)
    return message("Successfully updated")


async def empty_bucket(request: Request) -> Response:
    """Delete every object the caller can see; refused whole if the policies keep some of them."""
    bucket_id = request.path_params["bucket"]
    async with caller_session(request, "bucket.empty") as session:
        await bucket_table.require(session, bucket_id)
        visible = await object_table.names_in(session, bucket_id)
        deleted = await object_table.delete(session, bucket_id)
        kept = sorted(set(visible) - {row["name"] for row in deleted})
        if kept:
            raise errors.access_denied(
                f"Cannot delete: {' ,'.join(kept)}, you may have SELECT but not DELETE permissions"
            )
        session.retire(deleted)
    return message("Successfully emptied")


async def delete_bucket(request: Request) -> Response:
    bucket_id = request.path_params["bucket"]
    async with caller_session(request, "bucket.delete") as session:
        await bucket_table.lock(session, bucket_id)
        if await bucket_table.has_objects(session, bucket_id):
            raise errors.bucket_not_empty()
        await bucket_table.delete(session, bucket_id)
    return message("Successfully deleted")
