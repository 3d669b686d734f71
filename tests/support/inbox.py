"""Collect what realtime callbacks receive and wait, with a generous timeout, for what a test expects."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

WAIT_SECONDS = 15.0


class Inbox:
    def __init__(self) -> None:
        self.items: list[Any] = []
        self._changed = asyncio.Event()

    def __call__(self, *item: Any) -> None:
        self.items.append(item[0] if len(item) == 1 else item)
        self._changed.set()

    async def wait_for(self, wanted: Callable[[Any], bool], timeout: float = WAIT_SECONDS) -> Any:
        """The first item for which `wanted` holds; raises TimeoutError with what did arrive."""

        async def first() -> Any:
            while True:
                for item in self.items:
                    if wanted(item):
                        return item
                self._changed.clear()
                await self._changed.wait()

        try:
            return await asyncio.wait_for(first(), timeout)
        except TimeoutError as error:
            raise TimeoutError(f"not received; got {self.items!r}") from error

    async def settle(self, seconds: float = 1.0) -> list[Any]:
        """Everything received after giving late deliveries a chance to arrive."""
        await asyncio.sleep(seconds)
        return list(self.items)
