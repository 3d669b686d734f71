"""Password hashing as GoTrue does it: bcrypt, cost 10, `$2a$` hashes; checks run off the event loop."""

from __future__ import annotations

import re
import secrets
import string

import bcrypt
from starlette.concurrency import run_in_threadpool

from devstack.gateway.auth.errors import WeakPasswordError, validation_failed

BCRYPT_COST = 10
BCRYPT_MAX_BYTES = 72
_BCRYPT_HASH = re.compile(r"^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$")


async def hash_password(password: str) -> str:
    """A `$2a$10$...` hash. Raises 400 `validation_failed` for passwords bcrypt cannot take."""
    raw = password.encode()
    if len(raw) > BCRYPT_MAX_BYTES:
        raise validation_failed("bcrypt: password length exceeds 72 bytes")
    salt = bcrypt.gensalt(rounds=BCRYPT_COST, prefix=b"2a")
    return (await run_in_threadpool(bcrypt.hashpw, raw, salt)).decode()


async def password_matches(password: str, encrypted: str | None) -> bool:
    """Whether `password` matches a stored bcrypt hash (`$2a$`, `$2b$` or `$2y$`, any cost)."""
    raw = password.encode()
    if not encrypted or len(raw) > BCRYPT_MAX_BYTES:
        return False
    try:
        return await run_in_threadpool(bcrypt.checkpw, raw, encrypted.encode())
    except ValueError:
        return False  # not a bcrypt hash: nobody can sign in with it


def is_bcrypt_hash(value: str) -> bool:
    return bool(_BCRYPT_HASH.match(value))


def check_strength(password: str, min_length: int) -> None:
    """GoTrue's default policy: a minimum length only. Raises 422 `weak_password`."""
    if len(password) < min_length:
        raise WeakPasswordError(f"Password should be at least {min_length} characters.", ["length"])


def random_password() -> str:
    """A throwaway password for users who have none yet (invited, OTP sign-ups), as GoTrue sets."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(64))
