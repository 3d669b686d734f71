"""SQL over `storage.buckets`, run through a Session (as the caller unless `privileged`)."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from devstack.gateway.storage import errors
from devstack.gateway.storage.session import Session

COLUMNS = sql.SQL("id, name, owner, public, file_size_limit, allowed_mime_types, created_at, updated_at")
SORT_COLUMNS = ("id", "name", "created_at", "updated_at")
UPDATABLE = ("public", "file_size_limit", "allowed_mime_types")


async def find(session: Session, bucket_id: str, *, privileged: bool = False) -> dict[str, Any] | None:
    query = sql.SQL("select {} from storage.buckets where id = %(id)s").format(COLUMNS)
    rows = await session.fetch(query, {"id": bucket_id}, privileged=privileged)
    return rows[0] if rows else None


async def require(session: Session, bucket_id: str, *, privileged: bool = False) -> dict[str, Any]:
    """The bucket's row; raises NoSuchBucket when it does not exist (or the caller cannot see it)."""
    bucket = await find(session, bucket_id, privileged=privileged)
    if bucket is None:
        raise errors.no_such_bucket()
    return bucket


async def search(
    session: Session, *, search: str, column: str, order: str, limit: int | None, offset: int
) -> list[dict[str, Any]]:
    """Buckets whose name contains `search`, sorted by one of SORT_COLUMNS (`order` asc or desc)."""
    query = sql.SQL(
        "select {} from storage.buckets where name ilike %(pattern)s"
        " order by {} {} limit %(limit)s offset %(offset)s"
    ).format(COLUMNS, sql.Identifier(column), sql.SQL("desc" if order == "desc" else "asc"))
    params = {"pattern": f"%{search}%", "limit": limit, "offset": offset}
    return await session.fetch(query, params)


async def create(session: Session, values: dict[str, Any]) -> None:
    """Insert a bucket as the caller; raises BucketAlreadyExists for a taken id or name."""
    query = sql.SQL(
        "insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)"
        " values (%(id)s, %(name)s, %(owner)s, %(owner_id)s, %(public)s,"
        " %(file_size_limit)s, %(allowed_mime_types)s)"
    )
    with errors.duplicates_as("BucketAlreadyExists"):
        await session.fetch(query, values)


async def update(session: Session, bucket_id: str, changes: dict[str, Any]) -> None:
    """Set the UPDATABLE columns given in `changes`; raises NoSuchBucket when no row was updated."""
    assignments = [
        sql.SQL("{} = %({})s").format(sql.Identifier(column), sql.SQL(column))
        for column in UPDATABLE
        if column in changes
    ]
    query = sql.SQL("update storage.buckets set {} where id = %(id)s returning id").format(
        sql.SQL(", ").join([*assignments, sql.SQL("updated_at = now()")])
    )
    if not await session.fetch(query, {**changes, "id": bucket_id}):
        raise errors.no_such_bucket()


async def lock(session: Session, bucket_id: str) -> None:
    """Lock the bucket's row against concurrent deletion; raises NoSuchBucket when it is missing."""
    rows = await session.fetch(
        "select id from storage.buckets where id = %(id)s for update", {"id": bucket_id}, privileged=True
    )
    if not rows:
        raise errors.no_such_bucket()


async def has_objects(session: Session, bucket_id: str) -> bool:
    rows = await session.fetch(
        "select exists (select from storage.objects where bucket_id = %(id)s) as found",
        {"id": bucket_id},
        privileged=True,
    )
    return rows[0]["found"]


async def delete(session: Session, bucket_id: str) -> None:
    """Delete as the caller; raises NoSuchBucket when the policies left nothing to delete."""
    if not await session.fetch(
        "delete from storage.buckets where id = %(id)s returning id", {"id": bucket_id}
    ):
        raise errors.no_such_bucket()
