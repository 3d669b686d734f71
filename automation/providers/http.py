"""One configured `requests.Session` per adapter: timeouts, a User-Agent, retries only where safe."""

from __future__ import annotations

import os
from email.utils import parsedate_to_datetime
from time import time
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.utils import get_environ_proxies
from urllib3.util.retry import Retry

from automation.providers.errors import ProviderAPIError, ProviderError, ProviderUnavailable

USER_AGENT = "Coachbase/0.1 (+automation)"
DEFAULT_TIMEOUT = (3.05, 15.0)  # connect, read


class ProviderSession(requests.Session):
    """A session bound to one provider's base URL; raises typed errors instead of returning failures."""

    def __init__(self, provider: str, base_url: str, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        super().__init__()
        self.provider = provider
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.headers["User-Agent"] = USER_AGENT
        # The environment (proxies, CA bundle) is read once here rather than on every request, which
        # costs requests a scan of os.environ and a look for ~/.netrc each time; providers authenticate
        # by header, never by .netrc.
        self.trust_env = False
        self.proxies = get_environ_proxies(self.base_url)
        self.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        # Only idempotent reads are retried here; sends are retried by the outbox with their idempotency key.
        retry = Retry(
            total=2, backoff_factor=0.2, allowed_methods={"GET", "HEAD"}, status_forcelist={502, 503, 504}
        )
        self.mount("http://", HTTPAdapter(max_retries=retry, pool_maxsize=20))
        self.mount("https://", HTTPAdapter(max_retries=retry, pool_maxsize=20))

    def call(self, method: str, path: str, **kwargs: object) -> requests.Response:
        """Send a request to base_url + path; raise ProviderUnavailable or ProviderAPIError on failure."""
        kwargs.setdefault("timeout", self.timeout)
        try:
            response = self.request(method, self.base_url + path, **kwargs)  # type: ignore[arg-type]
        except requests.RequestException as error:
            raise ProviderUnavailable(self.provider, str(error)) from error
        if response.status_code >= 400:
            raise ProviderAPIError(
                self.provider, response.status_code, response.text, retry_after_seconds(response)
            )
        return response


def retry_after_seconds(response: requests.Response) -> float | None:
    """The Retry-After header as seconds (it may be a number or an HTTP date)."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time())
    except (TypeError, ValueError):
        return None


def json_object(provider: str, response: requests.Response) -> dict[str, Any]:
    """The response body as a JSON object; raises ProviderError when it is anything else."""
    try:
        body = response.json()
    except ValueError as error:
        raise ProviderError(provider, f"HTTP {response.status_code} with a non-JSON body") from error
    if not isinstance(body, dict):
        raise ProviderError(provider, f"HTTP {response.status_code} with JSON that is not an object")
    return body
