"""The Storage API application mounted at `/storage/v1`: its routes and its error answers."""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from devstack.gateway.app import GatewayContext, across_newlines
from devstack.gateway.storage import bucket_routes, errors, object_routes, signed_routes, transfer_routes
from devstack.gateway.storage.blobs import BlobStore
from devstack.gateway.storage.errors import StorageError
from devstack.gateway.storage.rendering import StorageJSON
from devstack.gateway.storage.service import StorageService

logger = logging.getLogger(__name__)
ANY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE"]


async def render_image(_request: Request) -> Response:
    """Image transformations are not part of devstack: answered as a project without them."""
    raise errors.feature_not_enabled()


# First match wins: fixed segments (sign, public, info, ...) come before the generic object routes.
_ROUTES = [
    Route("/bucket", bucket_routes.list_buckets, methods=["GET"]),
    Route("/bucket", bucket_routes.create_bucket, methods=["POST"]),
    Route("/bucket/{bucket}", bucket_routes.get_bucket, methods=["GET"]),
    Route("/bucket/{bucket}", bucket_routes.update_bucket, methods=["PUT"]),
    Route("/bucket/{bucket}", bucket_routes.delete_bucket, methods=["DELETE"]),
    Route("/bucket/{bucket}/empty", bucket_routes.empty_bucket, methods=["POST"]),
    Route("/object/list/{bucket}", object_routes.list_objects, methods=["POST"]),
    Route("/object/move", transfer_routes.move_object, methods=["POST"]),
    Route("/object/copy", transfer_routes.copy_object, methods=["POST"]),
    Route("/object/sign/{bucket}", signed_routes.sign_many, methods=["POST"]),
    Route("/object/sign/{bucket}/{name:path}", signed_routes.sign_one, methods=["POST"]),
    Route("/object/sign/{bucket}/{name:path}", signed_routes.download_signed, methods=["GET"]),
    Route("/object/upload/sign/{bucket}/{name:path}", signed_routes.create_upload_url, methods=["POST"]),
    Route("/object/upload/sign/{bucket}/{name:path}", signed_routes.upload_signed, methods=["PUT"]),
    Route("/object/public/{bucket}/{name:path}", object_routes.download_public, methods=["GET"]),
    Route(
        "/object/authenticated/{bucket}/{name:path}", object_routes.download_authenticated, methods=["GET"]
    ),
    Route("/object/info/public/{bucket}/{name:path}", object_routes.info_public, methods=["GET"]),
    Route(
        "/object/info/authenticated/{bucket}/{name:path}", object_routes.info_authenticated, methods=["GET"]
    ),
    Route("/object/info/{bucket}/{name:path}", object_routes.info, methods=["GET"]),
    Route("/object/{bucket}", object_routes.delete_objects, methods=["DELETE"]),
    Route("/object/{bucket}/{name:path}", object_routes.upload_object, methods=["POST", "PUT"]),
    Route("/object/{bucket}/{name:path}", object_routes.download, methods=["GET"]),
    Route("/object/{bucket}/{name:path}", object_routes.delete_object, methods=["DELETE"]),
    Route("/render/image/{rest:path}", render_image, methods=ANY_METHOD),
]
ROUTES = [across_newlines(route) for route in _ROUTES]  # a key with a newline gets InvalidKey


def _answer(error: StorageError) -> Response:
    return StorageJSON(error.body(), status_code=error.http_status)


async def storage_error(_request: Request, error: StorageError) -> Response:
    if error.status >= 500:
        logger.error("storage error %s: %s", error.code, error.message, exc_info=error)
    return _answer(error)


async def no_route(request: Request, _error: Exception) -> Response:
    """Unknown paths and methods, answered as Storage's router answers them."""
    path = request.url.path.removeprefix(request.scope.get("root_path", ""))
    return _answer(errors.route_not_found(request.method, path))


async def unexpected(_request: Request, _error: Exception) -> Response:
    """A bug: JSON like Storage's, while Starlette re-raises the exception so it gets logged."""
    return _answer(errors.internal_error())


def storage_api(context: GatewayContext) -> Starlette:
    app = Starlette(
        routes=ROUTES,
        exception_handlers={StorageError: storage_error, HTTPException: no_route, Exception: unexpected},
    )
    app.state.storage = StorageService(
        settings=context.settings, pool=context.pools.api, blobs=BlobStore(context.settings.storage_dir)
    )
    return app
