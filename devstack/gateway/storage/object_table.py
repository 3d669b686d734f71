"""SQL over `storage.objects`, run through a Session (as the caller unless `privileged`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from devstack.gateway.storage import errors
from devstack.gateway.storage.identity import owner_uuid
from devstack.gateway.storage.session import Session

COLUMNS = sql.SQL(
    "id, bucket_id, name, owner, owner_id, version, metadata, user_metadata,"
    " created_at, updated_at, last_accessed_at"
)
_INSERT = sql.SQL(
    "insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)"
    " values (%(bucket_id)s, %(name)s, %(owner)s, %(owner_id)s, %(version)s, %(metadata)s, %(user_metadata)s)"
)
# An upsert keeps the recorded owner when the writer has none (a service-role write).
_ON_CONFLICT = sql.SQL(
    " on conflict (bucket_id, name) do update set owner = coalesce(excluded.owner, objects.owner),"
    " owner_id = coalesce(excluded.owner_id, objects.owner_id), version = excluded.version,"
    " metadata = excluded.metadata, user_metadata = excluded.user_metadata, updated_at = now()"
)


@dataclass(frozen=True)
class ObjectWrite:
    """A row to insert, or to upsert over an existing one with the same bucket and name."""

    bucket_id: str
    name: str
    owner: str | None
    upsert: bool
    version: str = "1"
    metadata: dict[str, Any] | None = None
    user_metadata: Any = None

    def params(self) -> dict[str, Any]:
        return {
            "bucket_id": self.bucket_id,
            "name": self.name,
            "owner": owner_uuid(self.owner),
            "owner_id": self.owner,
            "version": self.version,
            "metadata": None if self.metadata is None else Jsonb(self.metadata),
            "user_metadata": None if self.user_metadata is None else Jsonb(self.user_metadata),
        }

    def statement(self, *, returning: bool) -> sql.Composed:
        parts = [_INSERT, _ON_CONFLICT if self.upsert else sql.SQL("")]
        return sql.Composed([*parts, sql.SQL(" returning {}").format(COLUMNS) if returning else sql.SQL("")])


async def find(session: Session, bucket_id: str, name: str, *, privileged: bool = False) -> dict[str, Any]:
    """The object's row; raises NoSuchKey when it does not exist or the caller may not see it."""
    query = sql.SQL("select {} from storage.objects where bucket_id = %(bucket)s and name = %(name)s")
    rows = await session.fetch(
        query.format(COLUMNS), {"bucket": bucket_id, "name": name}, privileged=privileged
    )
    if not rows:
        raise errors.no_such_key()
    return rows[0]


async def visible_names(session: Session, bucket_id: str, names: list[str]) -> set[str]:
    """Which of `names` exist in the bucket and are visible to the caller."""
    query = "select name from storage.objects where bucket_id = %(bucket)s and name = any(%(names)s)"
    return {row["name"] for row in await session.fetch(query, {"bucket": bucket_id, "names": names})}


async def check_write(session: Session, write: ObjectWrite) -> None:
    """Raise unless the caller's policies allow `write` (tried as the caller, then undone).

    Duplicates of a plain insert raise KeyAlreadyExists.
    """
    with errors.duplicates_as("KeyAlreadyExists"):
        async with session.trial():
            await session.fetch(write.statement(returning=False), write.params())


async def save(session: Session, write: ObjectWrite) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Write the row as service_role; returns it and the row it replaced, if any."""
    query = sql.SQL(
        "select {} from storage.objects where bucket_id = %(bucket_id)s and name = %(name)s for update"
    ).format(COLUMNS)
    replaced = await session.fetch(query, write.params(), privileged=True)
    with errors.duplicates_as("KeyAlreadyExists"):
        rows = await session.fetch(write.statement(returning=True), write.params(), privileged=True)
    return rows[0], (replaced[0] if replaced else None)


async def delete(session: Session, bucket_id: str, names: list[str] | None = None) -> list[dict[str, Any]]:
    """Delete as the caller the named objects (all of the bucket's when `names` is None)."""
    query = sql.SQL(
        "delete from storage.objects where bucket_id = %(bucket)s"
        " and (%(names)s::text[] is null or name = any(%(names)s)) returning {}"
    ).format(COLUMNS)
    return await session.fetch(query, {"bucket": bucket_id, "names": names})


async def names_in(session: Session, bucket_id: str) -> list[str]:
    """The names of the bucket's objects that the caller can see."""
    query = "select name from storage.objects where bucket_id = %(bucket)s order by name"
    return [row["name"] for row in await session.fetch(query, {"bucket": bucket_id})]


async def move(
    session: Session, source: tuple[str, str], destination: tuple[str, str], owner: str | None
) -> dict[str, Any]:
    """Rename `(bucket, name)` as the caller, so its SELECT and UPDATE policies (old and new row) decide."""
    query = (
        "update storage.objects set bucket_id = %(to_bucket)s, name = %(to_name)s,"
        " owner = coalesce(%(owner)s, owner), owner_id = coalesce(%(owner_id)s, owner_id),"
        " updated_at = now() where bucket_id = %(bucket)s and name = %(name)s returning id, name, bucket_id"
    )
    params = {
        "bucket": source[0],
        "name": source[1],
        "to_bucket": destination[0],
        "to_name": destination[1],
        "owner": owner_uuid(owner),
        "owner_id": owner,
    }
    rows = await session.fetch(query, params)
    if not rows:
        raise errors.no_such_key()
    return rows[0]


async def search(
    session: Session, bucket_id: str, prefix: str, options: dict[str, Any]
) -> list[dict[str, Any]]:
    """One folder level under `prefix` through `storage.search`, as the caller."""
    query = (
        "select name, id, updated_at, created_at, last_accessed_at, metadata from storage.search("
        "%(prefix)s, %(bucket)s, %(limit)s, %(levels)s, %(offset)s, %(search)s, %(column)s, %(order)s)"
    )
    params = {"prefix": prefix, "bucket": bucket_id, "levels": len(prefix.split("/")), **options}
    return await session.fetch(query, params)
