"""Signed URLs (D.4): create download URLs (one or many) and upload URLs, and serve both."""

from __future__ import annotations

from email.utils import formatdate

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.storage import bodies, errors, names, object_table, tokens, uploads
from devstack.gateway.storage.bodies import BulkSigning, Signing
from devstack.gateway.storage.identity import ANONYMOUS
from devstack.gateway.storage.object_routes import deliver, location
from devstack.gateway.storage.object_table import ObjectWrite
from devstack.gateway.storage.rendering import StorageJSON
from devstack.gateway.storage.service import caller_session, storage_service

NOT_SIGNED = "Either the object does not exist or you do not have access to it"
LATEST_HTTP_DATE = 253_402_300_799  # 9999-12-31T23:59:59Z: later expiries are sent as this


def _token(request: Request) -> str:
    token = request.query_params.get("token")
    if not token:
        raise errors.invalid_request("querystring must have required property 'token'")
    return token


async def sign_one(request: Request) -> Response:
    """A download URL for one object the caller can read; relative to `/storage/v1`."""
    service = storage_service(request)
    bucket_id, name = location(request)
    body = await bodies.json_body(request, Signing)
    async with caller_session(request, "object.sign") as session:
        await object_table.find(session, bucket_id, name)
    url = f"{bucket_id}/{name}"
    token = tokens.download_token(service.settings.jwt_secret, url, body.expiresIn)
    return StorageJSON({"signedURL": f"/object/sign/{url}?token={token}"})


async def sign_many(request: Request) -> Response:
    """Download URLs for several keys: an error in place of each the caller cannot read."""
    service = storage_service(request)
    bucket_id = names.bucket_name(request.path_params["bucket"])
    body = await bodies.json_body(request, BulkSigning)
    keys = [key for key in body.paths if names.is_valid_key(key)]
    async with caller_session(request, "object.sign_many") as session:
        readable = await object_table.visible_names(session, bucket_id, keys)

    def signed(path: str) -> dict[str, str | None]:
        if path not in readable:
            return {"error": NOT_SIGNED, "path": path, "signedURL": None}
        token = tokens.download_token(service.settings.jwt_secret, f"{bucket_id}/{path}", body.expiresIn)
        return {"error": None, "path": path, "signedURL": f"/object/sign/{bucket_id}/{path}?token={token}"}

    return StorageJSON([signed(path) for path in body.paths])


async def download_signed(request: Request) -> Response:
    """The object a download token names, to anyone holding the token until it expires."""
    service = storage_service(request)
    bucket_id, name = location(request)
    claims = tokens.verify(service.settings.jwt_secret, _token(request), f"{bucket_id}/{name}", "download")
    async with service.session(request, ANONYMOUS, "object.get_signed") as session:
        row = await object_table.find(session, bucket_id, name, privileged=True)
    expires = formatdate(min(int(claims["exp"]), LATEST_HTTP_DATE), usegmt=True)
    return deliver(request, service, row, expires=expires)


async def create_upload_url(request: Request) -> Response:
    """An upload URL, granted only if the caller's policies allow that upload now (`x-upsert`)."""
    service = storage_service(request)
    bucket_id, name = location(request)
    identity = service.identify(request)
    upsert = request.headers.get("x-upsert") == "true"
    write = ObjectWrite(bucket_id=bucket_id, name=name, owner=identity.owner, upsert=upsert)
    async with service.session(request, identity, "object.sign_upload") as session:
        await object_table.check_write(session, write)
    url = f"{bucket_id}/{name}"
    token = tokens.upload_token(service.settings.jwt_secret, url, identity.owner, upsert)
    return StorageJSON({"url": f"/object/upload/sign/{url}?token={token}", "token": token})


async def upload_signed(request: Request) -> Response:
    """Upload with an upload token: written for the token's owner, checked when the URL was made."""
    service = storage_service(request)
    bucket_id, name = location(request)
    claims = tokens.verify(service.settings.jwt_secret, _token(request), f"{bucket_id}/{name}", "upload")
    owner = claims.get("owner")
    write = ObjectWrite(bucket_id=bucket_id, name=name, owner=owner, upsert=bool(claims.get("upsert")))
    async with service.session(request, ANONYMOUS, "object.upload_signed") as session:
        await uploads.upload(service, session, request, write, check_permission=False)
    return StorageJSON({"Key": f"{bucket_id}/{name}"})
