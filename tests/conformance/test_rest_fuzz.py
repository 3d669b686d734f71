"""Hostile and malformed requests get a PostgREST-shaped 4xx, never a 500 and never rows RLS hides.

Runs against its own library database (the fuzzer writes), as anon and as reader A, on the
table whose rows belong to single readers. Derandomized, so a run is repeatable.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devstack.postgres import Cluster
from tests.conformance.rest_clients import READER_A, READER_B
from tests.conformance.targets import Target, devstack_gateway, library_database
from tests.support.tokens import user_token

COLUMNS = ["id", "reader_id", "book_id", "note", "due_on", "returned", "nope", "loans", "books", "readers"]
OPERATORS = ["eq", "neq", "gt", "in", "is", "like", "cs", "ov", "fts(english)", "not.eq", "eq(any)", "zz", ""]
HOSTILE = [
    "'", '"', "';drop table loans;--", "1 or 1=1", ")", "(", "((", ",", ".", "*", "->", "->>", "::", "!inner",
    "\\", "%", "\x00", "{", "}", "[1,2)", "null", "true", "-1", "99999999999999999999", "é", "\u202e", " ",
    "select", "pg_sleep(10)", "$1", "%(p0)s", "%s", "{}", "{{}}",
]  # fmt: skip
PRIVATE = (READER_B, "B's private note")

text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
# Header values must survive HTTP itself: visible ASCII, no surrounding blanks.
header_text = st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=12)
names = st.one_of(st.sampled_from(COLUMNS), text)
filter_values = st.builds(
    lambda op, value: f"{op}.{value}" if op else value, st.sampled_from(OPERATORS), text
)
selects = st.lists(
    st.one_of(names, st.builds(lambda n, inner: f"{n}({inner})", names, names), text), max_size=4
).map(",".join)
logic = st.builds(lambda a, b, c: f"({a}.{b},{c})", names, filter_values, text)
pairs = st.lists(
    st.one_of(
        st.tuples(st.just("select"), selects),
        st.tuples(st.sampled_from(["order", "books.order"]), st.builds(lambda n, t: f"{n}.{t}", names, text)),
        st.tuples(st.sampled_from(["limit", "offset", "books.limit"]), text),
        st.tuples(st.sampled_from(["or", "and", "not.or", "books.or"]), logic),
        st.tuples(names, filter_values),
        st.tuples(st.sampled_from(["columns", "on_conflict"]), text),
    ),
    max_size=5,
)
PREFERENCES = [
    "count=exact", "return=representation", "tx=rollback", "handling=strict", "missing=default",
    "resolution=merge-duplicates", "max-affected=0", "count=bogus",
]  # fmt: skip
ACCEPTS = [
    "application/json",
    "text/csv",
    "application/vnd.pgrst.object+json",
    "text/html",
    "*/*",
    "",
    "a/b;c",
]
CONTENT_TYPES = [
    "application/json",
    "text/csv",
    "application/x-www-form-urlencoded",
    "text/plain",
    "image/png",
    "",
]
huge = st.integers(0, 2**70)
headers = st.fixed_dictionaries(
    {},
    optional={
        "Range": st.one_of(header_text, st.builds(lambda a, b: f"{a}-{b}", huge, huge)),
        "Prefer": st.lists(st.sampled_from(PREFERENCES) | header_text, max_size=3).map(",".join),
        "Accept": st.sampled_from(ACCEPTS),
        "Content-Type": st.sampled_from(CONTENT_TYPES),
        "Accept-Profile": st.sampled_from(["public", "archive", "auth", "pg_catalog", "' or 1=1"]),
        "Content-Profile": st.sampled_from(["public", "auth", "private"]),
    },
)
bodies = st.one_of(
    st.binary(max_size=40),
    st.sampled_from(
        [
            b"",
            b"{}",
            b"[]",
            b"null",
            b"[1]",
            b'{"note":"x"}',
            b'[{"reader_id":"' + READER_B.encode() + b'","book_id":1}]',
        ]
    ),
    st.text(max_size=30).map(str.encode),
)


@pytest.fixture(scope="module")
def fuzz_target(cluster: Cluster, template_db: str) -> Iterator[Target]:
    with library_database(cluster, template_db) as name, devstack_gateway(cluster, name) as target:
        yield target


def assert_well_formed(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400 and response.request.method != "HEAD":
        body = response.json()
        assert set(body) >= {"code", "message", "details", "hint"}, body
    for secret in PRIVATE:
        assert secret not in response.text


def send(target: Target, method: str, path: str, *, query, extra, body, as_reader: bool) -> httpx.Response:  # type: ignore[no-untyped-def]
    auth = {"Authorization": f"Bearer {user_token(target.jwt_secret, READER_A)}"} if as_reader else {}
    return httpx.request(
        method,
        f"{target.url}/rest/v1{path}",
        params=query,
        headers={"apikey": target.anon_key, **auth, **extra},
        content=body if method not in ("GET", "HEAD") else None,
        timeout=30,
    )


def test_hostile_requests_are_refused_cleanly_and_change_nothing_private(fuzz_target: Target) -> None:
    @settings(max_examples=250, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(
        method=st.sampled_from(["GET", "HEAD", "POST", "PATCH", "DELETE", "PUT"]),
        path=st.sampled_from(["/loans", "/loans", "/readers", "/rpc/my_loans", "/rpc/add", "/books"]),
        query=pairs,
        extra=headers,
        body=bodies,
        as_reader=st.booleans(),
    )
    def one_request(method, path, **request) -> None:  # type: ignore[no-untyped-def]
        assert_well_formed(send(fuzz_target, method, path, **request))

    one_request()
    service = {"apikey": fuzz_target.service_role_key}
    rows = httpx.get(f"{fuzz_target.url}/rest/v1/loans?reader_id=eq.{READER_B}&select=note", headers=service)
    assert rows.json() == [{"note": "B's private note"}]


HOSTILE_QUERIES = [
    "/books?title=eq.a%00b",
    "/books?or=(" + "and(" * 500 + "id.eq.1" + ")" * 500 + ")",
    "/books?select=" + "authors!author_id(" * 500 + "id" + ")" * 500,
    "/books?select=id::int4;drop",
    '/books?select="id""; drop table books;--"',
    "/books?order=id.desc;drop",
    "/books?id=in.(1,2",
    "/books?limit=-1",
    "/books?select=title,authors!nope!inner(name)",
    "/loans?select=*,readers(*)&readers.name=eq.Student%20B",
    "/rpc/add?a=1&b=' or 1=1",
]


@pytest.mark.parametrize("path", HOSTILE_QUERIES)
def test_known_hostile_queries_are_4xx(fuzz_target: Target, path: str) -> None:
    response = httpx.get(
        f"{fuzz_target.url}/rest/v1{path}", headers={"apikey": fuzz_target.anon_key}, timeout=30
    )
    assert 400 <= response.status_code < 500 or response.json() == []
    assert_well_formed(response)
