"""Bucket limits: file size limits and allowed MIME types, parsed and enforced as Storage does."""

from __future__ import annotations

import re

from devstack.gateway.storage import errors

EMPTY_FOLDER_PLACEHOLDER = ".emptyFolderPlaceholder"
MAX_MIME_TYPE_LENGTH = 1000

_SIZE_WITH_UNIT = re.compile(r"([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)", re.IGNORECASE)
_UNIT_BYTES = {"gb": 10**9, "mb": 10**6, "kb": 1000, "b": 1}
_MIME_TYPE = re.compile(r"[a-zA-Z0-9\-+.]+/[a-zA-Z0-9\-+.]+(;\s*charset=[a-zA-Z0-9\-]+)?|.*\*")


def file_size_limit(value: int | str, global_limit: int) -> int:
    """Bytes for a bucket's `file_size_limit` (a number, or text such as "20MB").

    Raises InvalidRequest for text without a known unit and EntityTooLarge above the global limit.
    """
    if isinstance(value, str):
        match = _SIZE_WITH_UNIT.fullmatch(value)
        if match is None:
            raise errors.invalid_request("Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B")
        value = round(float(match.group(1)) * _UNIT_BYTES[match.group(2).lower()])
    if value > global_limit:
        raise errors.entity_too_large()
    return value


def allowed_mime_types(types: list[str]) -> list[str]:
    """The non-empty entries of a bucket's `allowed_mime_types`; raises InvalidMimeType on a malformed one."""
    entries = [mime_type for mime_type in types if mime_type]
    for mime_type in entries:
        if len(mime_type) > MAX_MIME_TYPE_LENGTH or not _MIME_TYPE.fullmatch(mime_type):
            raise errors.invalid_mime_type(mime_type)
    return entries


def upload_limit(bucket_limit: int | None, global_limit: int, object_name: str) -> int:
    """The most bytes an upload may carry: empty-folder placeholders carry none."""
    if object_name.endswith(EMPTY_FOLDER_PLACEHOLDER):
        return 0
    return global_limit if bucket_limit is None else min(bucket_limit, global_limit)


def check_mime_type(mimetype: str, allowed: list[str] | None, object_name: str) -> None:
    """Raise InvalidMimeType unless `mimetype` matches an allowed `type/subtype` or `type/*`.

    Like Storage, the comparison is on the text either side of the first `/`, parameters
    included: `text/plain;charset=UTF-8` does not match `text/plain`.
    """
    if not allowed or object_name.endswith(EMPTY_FOLDER_PLACEHOLDER):
        return
    kind, slash, subtype = mimetype.partition("/")
    for entry in allowed:
        allowed_kind, _, allowed_subtype = entry.partition("/")
        if slash and kind == allowed_kind and allowed_subtype in ("*", subtype):
            return
    raise errors.invalid_mime_type(mimetype)
