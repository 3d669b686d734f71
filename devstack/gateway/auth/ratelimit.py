"""Failed password logins counted per email and per client IP; too many in a window answer 429."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from devstack.gateway.auth.errors import AuthApiError
from devstack.gateway.auth.settings import LoginLimits


class SlidingWindow:
    """At most `limit` events per key within the last `window` seconds (in this process)."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.events: dict[str, deque[float]] = {}

    def _count(self, key: str) -> int:
        """Events of `key` still inside the window; keys with none left are forgotten."""
        events = self.events.get(key)
        horizon = self.clock() - self.window
        while events and events[0] <= horizon:
            events.popleft()
        if not events:
            self.events.pop(key, None)
            return 0
        return len(events)

    def is_full(self, key: str) -> bool:
        return self._count(key) >= self.limit

    def add(self, key: str) -> None:
        self._count(key)
        self.events.setdefault(key, deque()).append(self.clock())


class LoginGuard:
    """Refuses password logins for an email or an IP that failed too often recently."""

    def __init__(self, limits: LoginLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.by_email = SlidingWindow(limits.per_email, limits.window_seconds, clock)
        self.by_ip = SlidingWindow(limits.per_ip, limits.window_seconds, clock)

    def check(self, email: str, ip: str) -> None:
        """Raises 429 `over_request_rate_limit` when either counter is full."""
        if self.by_email.is_full(email.lower()) or self.by_ip.is_full(ip):
            raise AuthApiError(429, "over_request_rate_limit", "Request rate limit reached")

    def failed(self, email: str, ip: str) -> None:
        self.by_email.add(email.lower())
        self.by_ip.add(ip)
