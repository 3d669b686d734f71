"""Which object keys and bucket names Storage accepts (`src/storage/limits.ts`)."""

from __future__ import annotations

import re

from devstack.gateway.storage import errors

MAX_KEY_BYTES = 1024
MAX_BUCKET_NAME_LENGTH = 100

# Any Unicode except controls, the characters S3 asks to avoid, invisible characters that can
# disguise a path, and lone surrogates (which cannot be stored as UTF-8 at all).
_FORBIDDEN_IN_KEY = re.compile(
    '[\x00-\x1f\x7f-\x9f#\\[\\]{}^`"<>\\\\|%~'
    "\u034f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]"
)
_DOT_SEGMENT = re.compile(r"(^|/)\.{1,2}(/|$)")
_BUCKET_NAME = re.compile(r"[A-Za-z0-9_!.*'() &$=@;:+,?-]+")


def is_valid_key(key: str) -> bool:
    return (
        bool(key)
        and _FORBIDDEN_IN_KEY.search(key) is None
        and _DOT_SEGMENT.search(key) is None
        and len(key.encode()) <= MAX_KEY_BYTES
    )


def object_key(key: str) -> str:
    """`key` if Storage accepts it as an object name; raises InvalidKey otherwise."""
    if not is_valid_key(key):
        raise errors.invalid_key(key)
    return key


def bucket_name(name: str) -> str:
    """`name` if Storage accepts it as a bucket id or name; raises InvalidBucketName otherwise."""
    if len(name) > MAX_BUCKET_NAME_LENGTH or not _BUCKET_NAME.fullmatch(name):
        raise errors.invalid_bucket_name()
    return name
