"""GoTrue's page/per_page parameters and its Link and X-Total-Count headers (pagination.go)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request

from devstack.gateway.auth.errors import validation_failed

DEFAULT_PER_PAGE = 50


def _positive(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise validation_failed(f"Bad Pagination Parameters: invalid {name}")
    return int(raw)


def page_params(request: Request) -> tuple[int, int]:
    return _positive(request, "page", 1), _positive(request, "per_page", DEFAULT_PER_PAGE)


def link_headers(request: Request, path: str, page: int, per_page: int, total: int) -> dict[str, str]:
    """`<path?page=N&...>; rel="next", <...>; rel="last"` with the request's own query, keys sorted.

    The path is the one GoTrue sees behind the gateway (no /auth/v1), and `page` sorts before
    `per_page`: auth-js reads each page number as the first digit after the first `=`.
    """
    pages = -(-total // per_page)
    query = [pair for pair in parse_qsl(request.url.query, keep_blank_values=True) if pair[0] != "page"]

    def link(number: int, rel: str) -> str:
        encoded = urlencode(sorted([*query, ("page", str(number))], key=lambda pair: pair[0]))
        return f'<{path}?{encoded}>; rel="{rel}"'

    parts = [link(page + 1, "next")] if pages > page else []
    parts.append(link(pages, "last"))
    return {"Link": ", ".join(parts), "X-Total-Count": str(total)}
