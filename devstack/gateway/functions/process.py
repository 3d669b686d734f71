"""One edge function's Deno process: started with the loopback preload, its output relayed, stopped."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections import deque
from pathlib import Path

from devstack.gateway.functions.deno import OFFLINE_FLAGS, deno_binary

PRELOAD = Path(__file__).with_name("serve.ts")
LISTENING = b"devstack-function-listening "  # what serve.ts prints once Deno.serve listens
BOOT_TIMEOUT = 60.0  # a bound on a cold start, never an expectation of speed
STOP_TIMEOUT = 5.0
BOOT_LINES = 50  # the output kept to explain a failed boot
# What Supabase's edge runtime lets a function do: network, environment, reading files, writing
# temporary ones. Functions cannot run subprocesses, so none can outlive its Deno process.
PERMISSIONS = (
    "--no-prompt", "--allow-net", "--allow-env", "--allow-read", f"--allow-write={tempfile.gettempdir()}"
)  # fmt: skip


class BootError(Exception):
    """The function exited, or never listened, before serving; `output` is what it printed."""

    def __init__(self, name: str, output: str) -> None:
        super().__init__(f"function {name} failed to boot:\n{output}")
        self.output = output


class FunctionProcess:
    def __init__(self, name: str, entrypoint: Path, environment: dict[str, str]) -> None:
        self.name = name
        self.entrypoint = entrypoint
        self.environment = environment
        self.port = 0
        self._process: asyncio.subprocess.Process | None = None
        self._relay: asyncio.Task[None] | None = None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.returncode is None and self.port > 0

    @property
    def returncode(self) -> int | None:
        return None if self._process is None else self._process.returncode

    async def start(self) -> None:
        """Spawn Deno and wait until the function's `Deno.serve` listens; raises BootError."""
        self._process = await asyncio.create_subprocess_exec(
            deno_binary(), "run", *OFFLINE_FLAGS, *PERMISSIONS, "--preload", str(PRELOAD),
            str(self.entrypoint), cwd=self.entrypoint.parent, env=self.environment,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        seen: deque[bytes] = deque(maxlen=BOOT_LINES)
        try:
            self.port = await asyncio.wait_for(self._listening(seen), BOOT_TIMEOUT)
        except TimeoutError:
            await self.stop()
            seen.append(f"(no Deno.serve within {BOOT_TIMEOUT:.0f} s)\n".encode())
            raise BootError(self.name, b"".join(seen).decode(errors="replace")) from None
        except BootError:
            await self.stop()
            raise
        self._relay = asyncio.create_task(self._relay_output(), name=f"function {self.name} output")

    async def _listening(self, seen: deque[bytes]) -> int:
        stdout = self._stdout()
        while line := await stdout.readline():
            if line.startswith(LISTENING):
                return int(line[len(LISTENING) :])
            seen.append(line)
            self._echo(line)
        raise BootError(self.name, b"".join(seen).decode(errors="replace"))

    async def _relay_output(self) -> None:
        """The function's console goes to the gateway's, line by line, until the process ends."""
        stdout = self._stdout()
        while line := await stdout.readline():
            self._echo(line)

    def _echo(self, line: bytes) -> None:
        sys.stderr.buffer.write(f"[{self.name}] ".encode() + line)
        sys.stderr.buffer.flush()

    def _stdout(self) -> asyncio.StreamReader:
        if self._process is None or self._process.stdout is None:
            raise RuntimeError(f"function {self.name} has not been started")
        return self._process.stdout

    async def stop(self) -> None:
        """SIGTERM, then SIGKILL after STOP_TIMEOUT; returns once the process is gone."""
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
            except TimeoutError:
                process.kill()
                await process.wait()
        if self._relay is not None:
            await self._relay
