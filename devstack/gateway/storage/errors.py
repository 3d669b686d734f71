"""Storage's typed errors and their JSON bodies, shaped as Supabase Storage renders them (D.5)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

# Storage answers 400 for every error it raises itself unless it is a 500 (D.5).
CLIENT_ERROR_STATUS = 400


class StorageError(Exception):
    """An error the Storage API answers with.

    `status` is the code Storage puts in the body as the string `statusCode`; the HTTP
    status is 400 for client errors and 500 for server errors unless `http_status` says otherwise.
    """

    def __init__(
        self, status: int, code: str, message: str, error: str | None = None, http_status: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.error = error or code
        self.http_status = http_status or (500 if status >= 500 else CLIENT_ERROR_STATUS)

    def body(self) -> dict[str, str]:
        return {
            "statusCode": str(self.status),
            "code": self.code,
            "error": self.error,
            "message": self.message,
        }


def no_such_bucket() -> StorageError:
    return StorageError(404, "NoSuchBucket", "Bucket not found", error="Bucket not found")


def no_such_key() -> StorageError:
    return StorageError(404, "NoSuchKey", "Object not found", error="not_found")


def invalid_key(key: str) -> StorageError:
    printable = key.encode("utf-8", "backslashreplace").decode()  # lone surrogates cannot be sent
    return StorageError(400, "InvalidKey", f"Invalid key: {printable}")


def invalid_bucket_name() -> StorageError:
    return StorageError(400, "InvalidBucketName", "Bucket name invalid", error="Invalid Input")


def access_denied(message: str) -> StorageError:
    return StorageError(403, "AccessDenied", message or "Access denied", error="Unauthorized")


def already_exists(code: str = "ResourceAlreadyExists") -> StorageError:
    """A duplicate: `code` is ResourceAlreadyExists, KeyAlreadyExists or BucketAlreadyExists."""
    return StorageError(409, code, "The resource already exists", error="Duplicate")


@contextmanager
def duplicates_as(code: str) -> Iterator[None]:
    """Inside the block, a duplicate row is reported with `code` (KeyAlreadyExists, ...)."""
    try:
        yield
    except StorageError as error:
        if error.code == "ResourceAlreadyExists":
            raise already_exists(code) from error
        raise


def bucket_not_empty() -> StorageError:
    return StorageError(409, "ResourceNotEmpty", "The bucket you tried to delete is not empty")


def entity_too_large(entity: str = "object") -> StorageError:
    return StorageError(
        413, "EntityTooLarge", f"The {entity} exceeded the maximum allowed size", error="Payload too large"
    )


def invalid_mime_type(mimetype: str) -> StorageError:
    return StorageError(415, "InvalidMimeType", f"mime type {mimetype} is not supported", "invalid_mime_type")


def invalid_jwt(message: str) -> StorageError:
    return StorageError(400, "InvalidJWT", message or "Invalid JWT")


def invalid_signature() -> StorageError:
    return StorageError(400, "InvalidSignature", "Invalid signature")


def invalid_range() -> StorageError:
    return StorageError(416, "InvalidRange", "invalid range provided", error="invalid_range", http_status=416)


def invalid_request(message: str) -> StorageError:
    return StorageError(400, "InvalidRequest", message)


def invalid_parameter(message: str) -> StorageError:
    return StorageError(400, "InvalidParameter", message)


def feature_not_enabled() -> StorageError:
    """What hosted Storage answers for image transformations on a project without them."""
    return StorageError(403, "FeatureNotEnabled", "feature not enabled for this tenant", http_status=403)


def route_not_found(method: str, path: str) -> StorageError:
    return StorageError(
        404, "NotFound", f"Route {method}:{path} not found", error="Not Found", http_status=404
    )


def internal_error() -> StorageError:
    return StorageError(500, "InternalError", "Internal Server Error", error="Internal")


def related_resource_not_found() -> StorageError:
    return StorageError(404, "InvalidRequest", "The related resource does not exist")


def resource_locked() -> StorageError:
    return StorageError(423, "ResourceLocked", "The resource is locked")


def database_timeout() -> StorageError:
    return StorageError(544, "DatabaseTimeout", "The connection to the database timed out", http_status=544)


_BY_SQLSTATE = {
    "23505": already_exists,
    "23503": related_resource_not_found,
    "55P03": resource_locked,
    "57014": database_timeout,
}


def from_database(error: psycopg.Error) -> StorageError:
    """The Storage error for a PostgreSQL error, as `DBError.fromDBError` maps SQLSTATEs."""
    state = error.sqlstate or ""
    message = error.diag.message_primary or str(error)
    if state == "42501":
        return access_denied(
            "new row violates row-level security policy" if "row-level security" in message else message
        )
    if state in _BY_SQLSTATE:
        return _BY_SQLSTATE[state]()
    if state.startswith("22") or isinstance(error, psycopg.DataError):
        # Bad input values (NUL bytes, invalid text, out-of-range numbers) are the caller's fault.
        return invalid_parameter(message)
    return StorageError(500, "DatabaseError", f"database error, code: {state or 'unknown'}")
