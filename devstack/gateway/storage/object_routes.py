"""`/object` routes for one bucket: upload, download, HEAD, info, list and delete."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.storage import bodies, bucket_table, delivery, errors, names, object_table, uploads
from devstack.gateway.storage.blobs import version_of
from devstack.gateway.storage.bodies import Listing, Removal
from devstack.gateway.storage.identity import ANONYMOUS, Identity
from devstack.gateway.storage.object_table import ObjectWrite
from devstack.gateway.storage.rendering import StorageJSON, info_json, listing_json, message, object_json
from devstack.gateway.storage.service import StorageService, caller_session, storage_service

Endpoint = Callable[[Request], Awaitable[Response]]
Render = Callable[[Request, StorageService, dict[str, Any]], Response]


def location(request: Request) -> tuple[str, str]:
    """The `(bucket, key)` a route's path names, both checked."""
    return names.bucket_name(request.path_params["bucket"]), names.object_key(request.path_params["name"])


def deliver(
    request: Request, service: StorageService, row: dict[str, Any], expires: str | None = None
) -> Response:
    """The object's bytes for GET (`?download` honoured), its headers only for HEAD."""
    if request.method == "HEAD":
        return delivery.head(row["metadata"])
    blob = service.blobs.open(version_of(row))
    download = request.query_params.get("download")
    return delivery.asset(request, blob, row["metadata"], download=download, expires=expires)


def _info(_request: Request, _service: StorageService, row: dict[str, Any]) -> Response:
    return StorageJSON(info_json(row))


async def _readable(
    service: StorageService, request: Request, identity: Identity, *, public_route: bool
) -> dict[str, Any]:
    """The object's row, read as Storage reads it for downloads and info.

    Public buckets are read as service_role (no RLS); private ones as the caller, and only by an
    authenticated caller on a non-public route. Otherwise the bucket is reported missing.
    """
    bucket_id, name = location(request)
    async with service.session(request, identity, "object.get") as session:
        bucket = await bucket_table.find(session, bucket_id, privileged=True)
        public = bool(bucket and bucket["public"])
        if bucket is None or (not public and (public_route or not identity.authenticated)):
            raise errors.no_such_bucket()
        return await object_table.find(session, bucket_id, name, privileged=public)


def _reader(render: Render, access: str) -> Endpoint:
    """An endpoint reading one object: `access` is "optional" (a bad or missing JWT means
    anonymous), "required" (the JWT must verify) or "public" (no JWT; public buckets only)."""

    async def endpoint(request: Request) -> Response:
        service = storage_service(request)
        public_route = access == "public"
        identity = ANONYMOUS if public_route else service.identify(request, optional=access == "optional")
        row = await _readable(service, request, identity, public_route=public_route)
        return render(request, service, row)

    return endpoint


download = _reader(deliver, "optional")
download_authenticated = _reader(deliver, "required")
download_public = _reader(deliver, "public")
info = _reader(_info, "optional")
info_authenticated = _reader(_info, "required")
info_public = _reader(_info, "public")


async def upload_object(request: Request) -> Response:
    """POST creates (replaces with `x-upsert: true`); PUT replaces or creates."""
    service = storage_service(request)
    bucket_id, name = location(request)
    identity = service.identify(request)
    upsert = request.method == "PUT" or request.headers.get("x-upsert") == "true"
    write = ObjectWrite(bucket_id=bucket_id, name=name, owner=identity.owner, upsert=upsert)
    async with service.session(request, identity, "object.upload") as session:
        row = await uploads.upload(service, session, request, write, check_permission=True)
    return StorageJSON({"Id": str(row["id"]), "Key": f"{bucket_id}/{name}"})


async def delete_object(request: Request) -> Response:
    bucket_id, name = location(request)
    async with caller_session(request, "object.delete") as session:
        deleted = await object_table.delete(session, bucket_id, [name])
        if not deleted:
            raise errors.no_such_key()
        session.retire(deleted)
    return message("Successfully deleted")


async def delete_objects(request: Request) -> Response:
    """Delete the listed keys the caller may delete; answers the deleted rows."""
    bucket_id = names.bucket_name(request.path_params["bucket"])
    body = await bodies.json_body(request, Removal)
    keys = [key for key in body.prefixes if names.is_valid_key(key)]  # others name no object
    async with caller_session(request, "object.delete_many") as session:
        deleted = await object_table.delete(session, bucket_id, keys)
        session.retire(deleted)
    return StorageJSON([object_json(row) for row in deleted])


async def list_objects(request: Request) -> Response:
    """One folder level under `prefix` (taken as a folder), as the caller sees it."""
    bucket_id = names.bucket_name(request.path_params["bucket"])
    body = await bodies.json_body(request, Listing)
    prefix = body.prefix if not body.prefix or body.prefix.endswith("/") else f"{body.prefix}/"
    options = {
        "limit": body.limit,
        "offset": body.offset,
        "search": body.search,
        "column": body.sortBy.column,
        "order": body.sortBy.order,
    }
    async with caller_session(request, "object.list") as session:
        rows = await object_table.search(session, bucket_id, prefix, options)
    return StorageJSON([listing_json(row) for row in rows])
