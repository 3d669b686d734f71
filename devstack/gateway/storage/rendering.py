"""The JSON Storage answers with: bucket and object shapes as its response schemas serialize them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from starlette.responses import JSONResponse


class StorageJSON(JSONResponse):
    """JSON escaped to ASCII, so that any text a caller sent (even a lone surrogate) can be echoed."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, separators=(",", ":")).encode()


def timestamp(value: datetime | None) -> str | None:
    """A timestamp as JavaScript's `Date.toJSON` writes it, which is what Storage sends."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _text(value: Any) -> str:
    """Storage's schemas type these columns as strings: a null is serialized as ""."""
    return "" if value is None else str(value)


def bucket_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "owner": _text(row["owner"]),
        "public": bool(row["public"]),
        "file_size_limit": row["file_size_limit"],
        "allowed_mime_types": row["allowed_mime_types"],
        "created_at": timestamp(row["created_at"]),
        "updated_at": timestamp(row["updated_at"]),
    }


def object_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": row["name"],
        "bucket_id": row["bucket_id"],
        "owner": _text(row["owner"]),
        "owner_id": _text(row["owner_id"]),
        "version": _text(row["version"]),
        "id": _text(row["id"]),
        "updated_at": timestamp(row["updated_at"]),
        "created_at": timestamp(row["created_at"]),
        "last_accessed_at": timestamp(row["last_accessed_at"]),
        "metadata": row["metadata"],
        "user_metadata": row["user_metadata"],
    }


def listing_json(row: dict[str, Any]) -> dict[str, Any]:
    """An entry of a folder listing: sub-folders have a null id and null metadata."""
    return {
        "name": row["name"],
        "id": None if row["id"] is None else str(row["id"]),
        "updated_at": timestamp(row["updated_at"]),
        "created_at": timestamp(row["created_at"]),
        "last_accessed_at": timestamp(row["last_accessed_at"]),
        "metadata": row["metadata"],
    }


def info_json(row: dict[str, Any]) -> dict[str, Any]:
    """`GET /object/info/...`: the object's stored metadata flattened, user metadata as `metadata`."""
    metadata = row["metadata"] or {}
    return {
        "id": str(row["id"]),
        "name": row["name"],
        "version": row["version"],
        "bucket_id": row["bucket_id"],
        "size": metadata.get("size"),
        "content_type": metadata.get("mimetype"),
        "cache_control": metadata.get("cacheControl"),
        "etag": metadata.get("eTag"),
        "metadata": row["user_metadata"],
        "last_modified": timestamp(row["updated_at"]),
        "created_at": timestamp(row["created_at"]),
    }


def message(text: str) -> StorageJSON:
    return StorageJSON({"message": text})
