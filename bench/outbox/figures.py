"""One run's figures: messages/s, and the CPU milliseconds each part (process group) spent per message."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.process_cpu import Probe


@dataclass(frozen=True)
class Run:
    """Messages/s of one run, and the CPU milliseconds each part spent per message."""

    rate: float
    cpu_ms: dict[str, float]


def measure(count: int, cpu: Probe, work: Callable[[], None]) -> Run:
    before, started = cpu(), time.perf_counter()
    work()
    elapsed, after = time.perf_counter() - started, cpu()
    return Run(count / elapsed, {part: (after[part] - before[part]) * 1000 / count for part in before})


def cpu_line(run: Run) -> str:
    parts = ", ".join(f"{part} {ms:.2f}" for part, ms in run.cpu_ms.items())
    return f"{sum(run.cpu_ms.values()):.2f} ({parts})"
