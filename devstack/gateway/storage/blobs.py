"""Object bytes on disk: one immutable file per object version, published atomically.

Files are named after the version UUID the server generates, never after the object key, so no
key (`..`, absolute paths, odd Unicode) can name a path outside the storage folder.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import anyio

from devstack.gateway.storage import errors

CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True)
class StagedBlob:
    """Bytes received into a temporary file, not yet visible as any object version."""

    path: Path
    size: int
    md5: str


@dataclass(frozen=True)
class OpenBlob:
    """An open object file: it stays readable even if the version is removed meanwhile."""

    file: BinaryIO
    size: int


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, version: uuid.UUID) -> Path:
        return self.root / "objects" / version.hex[:2] / version.hex

    async def receive(self, chunks: AsyncIterable[bytes]) -> StagedBlob:
        """Write `chunks` to a temporary file and flush it to disk."""
        incoming = self.root / "incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        path = incoming / uuid.uuid4().hex
        digest = hashlib.md5(usedforsecurity=False)
        size = 0
        try:
            async with await anyio.open_file(path, "wb") as out:
                async for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    await out.write(chunk)
                await out.flush()
                await anyio.to_thread.run_sync(os.fsync, out.wrapped.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return StagedBlob(path=path, size=size, md5=digest.hexdigest())

    def publish(self, staged: StagedBlob, version: uuid.UUID) -> None:
        """Make the staged bytes the content of `version`, all at once (or discard them)."""
        target = self.path(version)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged.path, target)
        except OSError:
            self.discard(staged)
            raise
        self._sync_directory(target.parent)

    def link(self, source: uuid.UUID | None, version: uuid.UUID) -> None:
        """Give `version` the same bytes as `source` (a hard link: versions never change)."""
        target = self.path(version)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self._existing(source), target)
        except FileNotFoundError as error:
            raise errors.no_such_key() from error
        self._sync_directory(target.parent)

    def open(self, version: uuid.UUID | None) -> OpenBlob:
        """The bytes of `version`; raises NoSuchKey when there are none."""
        try:
            file = self._existing(version).open("rb")
        except FileNotFoundError as error:
            raise errors.no_such_key() from error
        return OpenBlob(file=file, size=os.fstat(file.fileno()).st_size)

    def _existing(self, version: uuid.UUID | None) -> Path:
        """The path of a version's bytes; a row without a version of ours has no bytes."""
        if version is None:
            raise errors.no_such_key()
        return self.path(version)

    def remove(self, version: uuid.UUID) -> None:
        self.path(version).unlink(missing_ok=True)

    def discard(self, staged: StagedBlob) -> None:
        staged.path.unlink(missing_ok=True)

    @staticmethod
    def _sync_directory(directory: Path) -> None:
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


async def read_range(blob: OpenBlob, start: int, end: int) -> AsyncIterator[bytes]:
    """Bytes `start` to `end` (exclusive) of an open blob, in chunks; closes the file at the end."""
    try:
        await anyio.to_thread.run_sync(blob.file.seek, start)
        remaining = end - start
        while remaining > 0:
            chunk = await anyio.to_thread.run_sync(blob.file.read, min(CHUNK_SIZE, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk
    finally:
        blob.file.close()


def version_of(row: dict) -> uuid.UUID | None:
    """The blob version an object row points at; None for rows not written by this API."""
    try:
        return uuid.UUID(row["version"])
    except (TypeError, ValueError):
        return None
