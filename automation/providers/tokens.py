"""OAuth access tokens for adapters: fetched once, reused, refreshed before they lapse and after a 401."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from automation.providers.errors import ProviderAPIError
from automation.providers.http import ProviderResponse, ProviderSession

Clock = Callable[[], float]


@dataclass(frozen=True)
class AccessToken:
    value: str
    refresh_at: float  # epoch seconds after which a new token is fetched


class TokenCache:
    """Thread-safe holder of one provider's token; `fetch` gets a new one from the token endpoint."""

    def __init__(self, fetch: Callable[[], AccessToken], clock: Clock = time.time) -> None:
        self._fetch = fetch
        self._clock = clock
        self._token: AccessToken | None = None
        self._lock = threading.Lock()

    def current(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._token.refresh_at:
                self._token = self._fetch()
            return self._token.value

    def invalidate(self, value: str) -> None:
        """Forget `value` (rejected with 401), unless another thread already replaced it."""
        with self._lock:
            if self._token is not None and self._token.value == value:
                self._token = None


def call_with_token(
    session: ProviderSession, tokens: TokenCache, scheme: str, method: str, path: str, **kwargs: object
) -> ProviderResponse:
    """One API call with `Authorization: <scheme> <token>`; on 401, refresh the token and try once more."""
    token = tokens.current()
    try:
        return session.call(method, path, headers={"Authorization": f"{scheme} {token}"}, **kwargs)
    except ProviderAPIError as error:
        if error.status != 401:
            raise
    tokens.invalidate(token)
    fresh = tokens.current()
    return session.call(method, path, headers={"Authorization": f"{scheme} {fresh}"}, **kwargs)
