"""Each function's process: started by its first request, replaced after a crash, stopped with the gateway."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from devstack.gateway.functions.process import FunctionProcess
from devstack.gateway.functions.project import FunctionsProject

log = logging.getLogger(__name__)
# Supabase ends a request after 150 s without progress; the same bound applies to each read here.
IDLE_TIMEOUT = 150.0


class Supervisor:
    """Owns the processes and the HTTP client that reaches them; both live while the gateway runs."""

    def __init__(self, project: FunctionsProject, platform: dict[str, str]) -> None:
        self.project = project
        self.platform = platform  # SUPABASE_URL, the keys, the database URL, Deno's settings
        self.processes: dict[str, FunctionProcess] = {}
        self.locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            raise RuntimeError("the functions supervisor is not running")
        return self._client

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Supervisor]:
        timeout = httpx.Timeout(IDLE_TIMEOUT, connect=5.0)
        async with httpx.AsyncClient(timeout=timeout) as client:
            self._client = client
            try:
                yield self
            finally:
                await asyncio.gather(*(process.stop() for process in self.processes.values()))
                self.processes.clear()

    async def acquire(self, name: str, entrypoint: Path) -> FunctionProcess:
        """The function's live process, started now if it has none or the last one died.

        Raises BootError when the function cannot start; the next request tries again.
        """
        async with self.locks[name]:
            process = self.processes.get(name)
            if process is not None and process.alive:
                return process
            if process is not None:
                log.warning("function %s exited (code %s); starting it again", name, process.returncode)
                await process.stop()
            environment = {**self.project.dotenv(), **self.platform}
            process = self.processes[name] = FunctionProcess(name, entrypoint, environment)
            await process.start()
            return process

    async def discard(self, process: FunctionProcess) -> None:
        """Stop a process that failed a request, unless it was already replaced."""
        async with self.locks[process.name]:
            if self.processes.get(process.name) is process:
                del self.processes[process.name]
            await process.stop()
