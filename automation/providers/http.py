"""One urllib3 connection pool per provider session: timeouts, a User-Agent, retries only where safe.

Decision 0650: `requests` spent about half of a status call's CPU on its own work (merging settings,
preparing and hooking each request); the adapters need only a base URL, headers and typed errors.
"""

from __future__ import annotations

import codecs
import json as jsonlib
import os
import urllib.request
from collections.abc import Iterator, Mapping
from email.utils import parsedate_to_datetime
from time import time
from types import TracebackType
from typing import Any, BinaryIO
from urllib.parse import unquote, urlencode, urlsplit

import certifi
import urllib3
from urllib3.util import make_headers
from urllib3.util.retry import Retry

from automation.providers.errors import ProviderAPIError, ProviderError, ProviderUnavailable

USER_AGENT = "Coachbase/0.1 (+automation)"
DEFAULT_TIMEOUT = (3.05, 15.0)  # connect, read
# Only idempotent reads are retried here; sends are retried by the outbox with their idempotency key. The
# last answer of a read that kept failing is returned (and raised as ProviderAPIError with its status).
RETRY = Retry(
    total=2,
    backoff_factor=0.2,
    allowed_methods={"GET", "HEAD"},
    status_forcelist={502, 503, 504},
    raise_on_status=False,
)
Body = bytes | BinaryIO | Mapping[str, Any]


class ProviderResponse:
    """A provider's answer: status, headers and body (read at once unless the call streamed it)."""

    def __init__(self, provider: str, raw: urllib3.BaseHTTPResponse) -> None:
        self.provider = provider
        self.raw = raw
        self.status_code = raw.status
        self.headers = raw.headers

    @property
    def content(self) -> bytes:
        return self.raw.data

    @property
    def text(self) -> str:
        return self.content.decode(self._charset(), errors="replace")

    def json(self) -> Any:
        """The body as JSON; raises ValueError when it is not."""
        return jsonlib.loads(self.content)

    def iter_content(self, chunk_size: int) -> Iterator[bytes]:
        """The body of a streamed call, chunk by chunk; raises ProviderUnavailable if the transfer breaks."""
        try:
            yield from self.raw.stream(chunk_size)
        except urllib3.exceptions.HTTPError as error:
            raise ProviderUnavailable(self.provider, str(error)) from error

    def __enter__(self) -> ProviderResponse:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if not self.raw.closed:  # left unread: the rest would spoil the connection for the next call
            self.raw.close()
        self.raw.release_conn()

    def _charset(self) -> str:
        for part in self.headers.get("Content-Type", "").split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                try:
                    return codecs.lookup(value.strip('"')).name
                except LookupError:
                    break
        return "utf-8"


class ProviderSession:
    """A session bound to one provider's base URL; raises typed errors instead of returning failures.

    `headers` go with every call (a call's own headers win). Proxies (HTTP(S)_PROXY, ALL_PROXY, NO_PROXY)
    and the CA bundle (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, else certifi's) are read from the environment
    once, here; providers authenticate by header, never by ~/.netrc."""

    def __init__(self, provider: str, base_url: str, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        self.provider = provider
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.headers: dict[str, str] = {"User-Agent": USER_AGENT, "Accept": "*/*"}
        self.proxy = environment_proxy(self.base_url)
        self.ca_certs = (
            os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or certifi.where()
        )
        options: dict[str, Any] = {"maxsize": 20, "retries": RETRY, "ca_certs": self.ca_certs}
        self.pool = proxy_manager(self.proxy, options) if self.proxy else urllib3.PoolManager(**options)

    @property
    def timeout(self) -> tuple[float, float]:
        """(connect, read) seconds of every call."""
        return self._timeout.connect_timeout, self._timeout.read_timeout  # type: ignore[return-value]

    @timeout.setter
    def timeout(self, value: tuple[float, float]) -> None:
        self._timeout = urllib3.Timeout(connect=value[0], read=value[1])

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: Body | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
    ) -> ProviderResponse:
        """Send a request to base_url + path (`json`, a form in `data` or raw `data` bytes or file);
        raise ProviderUnavailable or ProviderAPIError on failure. A `stream`ed answer is read with
        `iter_content` inside `with`."""
        sent = _merged(self.headers, headers)
        body = _body(json, data, sent)
        url = self.base_url + path + _query(params)
        try:
            raw = self.pool.urlopen(
                method, url, body=body, headers=sent, timeout=self._timeout, preload_content=not stream
            )
        except urllib3.exceptions.HTTPError as error:
            raise ProviderUnavailable(self.provider, str(error)) from error
        response = ProviderResponse(self.provider, raw)
        if response.status_code >= 400:
            if stream:
                raw.read()
                raw.release_conn()
            raise ProviderAPIError(
                self.provider, response.status_code, response.text, retry_after_seconds(response)
            )
        return response


def environment_proxy(url: str) -> str | None:
    """The proxy the environment names for `url`, unless NO_PROXY exempts its host."""
    parts = urlsplit(url)
    if parts.hostname is None or urllib.request.proxy_bypass_environment(parts.netloc):
        return None
    proxies = urllib.request.getproxies_environment()
    return proxies.get(parts.scheme) or proxies.get("all")


def proxy_manager(proxy: str, options: dict[str, Any]) -> urllib3.ProxyManager:
    """Connections through `proxy`, with Proxy-Authorization when its URL holds a user and password."""
    parts = urlsplit(proxy)
    user = f"{unquote(parts.username)}:{unquote(parts.password or '')}" if parts.username else None
    headers = make_headers(proxy_basic_auth=user) if user else None
    return urllib3.ProxyManager(proxy, proxy_headers=headers, **options)


def _merged(common: Mapping[str, str], own: Mapping[str, str] | None) -> dict[str, str]:
    if not own:
        return dict(common)
    replaced = {name.lower() for name in own}
    return {**{k: v for k, v in common.items() if k.lower() not in replaced}, **own}


def _body(json: Any, data: Body | None, headers: dict[str, str]) -> bytes | BinaryIO | None:
    """The request body; sets its Content-Type (unless given) and, for a file, its Content-Length."""
    given = {name.lower() for name in headers}
    if json is not None:
        kind, body = "application/json", jsonlib.dumps(json, allow_nan=False).encode()
    elif isinstance(data, Mapping):
        kind, body = "application/x-www-form-urlencoded", urlencode(data, doseq=True).encode()
    elif data is not None and not isinstance(data, bytes):
        start = data.tell()
        headers["Content-Length"] = str(data.seek(0, os.SEEK_END) - start)
        data.seek(start)
        return data
    else:
        return data
    if "content-type" not in given:
        headers["Content-Type"] = kind
    return body


def _query(params: Mapping[str, Any] | None) -> str:
    kept = {name: value for name, value in (params or {}).items() if value is not None}
    return "?" + urlencode(kept, doseq=True) if kept else ""


def retry_after_seconds(response: ProviderResponse) -> float | None:
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


def json_object(provider: str, response: ProviderResponse) -> dict[str, Any]:
    """The response body as a JSON object; raises ProviderError when it is anything else."""
    try:
        body = response.json()
    except ValueError as error:
        raise ProviderError(provider, f"HTTP {response.status_code} with a non-JSON body") from error
    if not isinstance(body, dict):
        raise ProviderError(provider, f"HTTP {response.status_code} with JSON that is not an object")
    return body
