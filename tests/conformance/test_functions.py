"""Edge Functions through the gateway: JWT checks, supabase-py's invoke, streaming, crashes, shutdown.

The functions are tests/conformance/edge_functions (echo, open-echo with verify_jwt = false, broken),
served from a copy that also holds a functions/.env (conftest.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import signal
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from supabase_functions.errors import FunctionsHttpError

from devstack.postgres import Cluster
from supabase import create_client
from tests.conformance.conftest import functions_gateway_process
from tests.support.gateway import GatewayProcess

WAIT_SECONDS = 20.0  # a bound on waiting for something to happen, never an assertion about speed
WORKER_ERROR = {"code": "WORKER_ERROR", "message": "Function exited due to an error (please check logs)"}


@pytest.fixture(scope="module")
def gateway(functions_gateway: GatewayProcess) -> GatewayProcess:
    """In this module, the gateway is the one serving edge_functions/."""
    return functions_gateway


@pytest.fixture
def client(gateway: GatewayProcess) -> Iterator[httpx.Client]:
    """An HTTP client sending the anon key as bearer, as supabase-js and supabase-py do."""
    headers = {"Authorization": f"Bearer {gateway.anon_key}", "apikey": gateway.anon_key}
    with httpx.Client(base_url=f"{gateway.url}/functions/v1", headers=headers, timeout=WAIT_SECONDS) as c:
        yield c


def process_gone(pid: int) -> bool:
    """True once the process has exited (a zombie waiting for its parent counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


def eventually(check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not check():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.05)


def test_supabase_py_invokes_a_function_with_the_key_or_a_user_token(gateway: GatewayProcess) -> None:
    supabase = create_client(gateway.url, gateway.anon_key)
    echoed = json.loads(supabase.functions.invoke("echo", {"body": {"course": "business-basics"}}))
    assert echoed["method"] == "POST"
    assert echoed["path"] == "/echo"
    assert json.loads(echoed["body"]) == {"course": "business-basics"}
    assert echoed["headers"]["authorization"] == f"Bearer {gateway.anon_key}"
    user = gateway.user_token("3f1c2a9e-8d4b-4e57-9a61-2b7c0d5e4f10")
    supabase.functions.set_auth(user)
    echoed = json.loads(supabase.functions.invoke("echo", {"method": "GET"}))
    assert echoed["headers"]["authorization"] == f"Bearer {user}"


def test_supabase_py_is_refused_without_a_valid_jwt_unless_verify_jwt_is_off(
    gateway: GatewayProcess,
) -> None:
    supabase = create_client(gateway.url, gateway.anon_key)
    supabase.functions.set_auth("not-a-jwt")
    with pytest.raises(FunctionsHttpError) as refused:
        supabase.functions.invoke("echo", {"body": {}})
    assert refused.value.status == 401
    echoed = json.loads(supabase.functions.invoke("open-echo", {"body": {}}))
    assert echoed["headers"]["authorization"] == "Bearer not-a-jwt"


def test_the_jwt_check_answers_as_supabase(gateway: GatewayProcess) -> None:
    url = f"{gateway.url}/functions/v1/echo"
    expired = gateway.user_token("3f1c2a9e-8d4b-4e57-9a61-2b7c0d5e4f10", lifetime=-120)
    forged = gateway.user_token("3f1c2a9e-8d4b-4e57-9a61-2b7c0d5e4f10")[:-4] + "AAAA"
    missing = httpx.post(url)
    assert (missing.status_code, missing.json()) == (
        401, {"code": 401, "message": "Missing authorization header"}
    )  # fmt: skip
    for token in (expired, forged, "not-a-jwt"):
        refused = httpx.post(url, headers={"Authorization": f"Bearer {token}"})
        assert (refused.status_code, refused.json()) == (401, {"code": 401, "message": "Invalid JWT"})
    assert httpx.post(f"{gateway.url}/functions/v1/open-echo").status_code == 200  # no key, no JWT


def test_the_request_reaches_the_function_as_it_was_sent(client: httpx.Client) -> None:
    response = client.put(
        "/echo/courses/business%20basics?x=1&y=two", content=b"raw \xe2\x82\xb9 body",
        headers={"Content-Type": "text/plain; charset=utf-8", "X-Request-Id": "req-42"},
    )  # fmt: skip
    echoed = response.json()
    assert (echoed["method"], echoed["path"], echoed["query"]) == (
        "PUT", "/echo/courses/business%20basics", "?x=1&y=two"
    )  # fmt: skip
    assert echoed["body"] == "raw ₹ body"
    assert echoed["headers"]["x-request-id"] == "req-42"
    assert echoed["headers"]["x-forwarded-for"] == "127.0.0.1"


def test_the_functions_answer_comes_back_as_it_was_sent(client: httpx.Client) -> None:
    response = client.get("/echo/status")
    assert response.status_code == 207
    assert response.text == "multi-status"
    assert response.headers["x-custom"] == "kept"
    assert response.headers.get_list("set-cookie") == ["a=1; Path=/", "b=2; Path=/"]


def test_functions_get_the_platform_variables_and_their_dotenv(
    client: httpx.Client, gateway: GatewayProcess, realtime_db: str
) -> None:
    env = client.get("/echo").json()["env"]
    assert env["SUPABASE_URL"] == gateway.url  # functions/.env cannot override the platform's
    assert env["SUPABASE_ANON_KEY"] == gateway.anon_key
    assert env["SUPABASE_SERVICE_ROLE_KEY"] == gateway.service_role_key
    assert env["SUPABASE_DB_URL"].endswith(f"/{realtime_db}")
    assert env["FROM_DOTENV"] == "read from functions/.env"


def test_the_preflight_is_left_to_the_function(gateway: GatewayProcess) -> None:
    preflight = httpx.options(
        f"{gateway.url}/functions/v1/echo",
        headers={"Origin": "http://127.0.0.1:5173", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["x-answered-by"] == "function"
    assert "access-control-allow-origin" not in preflight.headers


def test_unknown_and_unbootable_functions_get_supabases_errors(client: httpx.Client) -> None:
    unknown = client.post("/no-such-function")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "NOT_FOUND")
    for _attempt in range(2):  # each request tries to boot it again
        broken = client.post("/broken")
        assert (broken.status_code, broken.json()["code"]) == (503, "BOOT_ERROR")


def test_a_large_response_is_streamed_not_buffered(client: httpx.Client) -> None:
    """The function sends its first line, then waits to be released: only a streaming relay delivers
    that line before the release, so a buffering gateway would fail this test by timing out."""
    size = 8 * 1024 * 1024
    with client.stream("GET", "/echo/stream", params={"size": size}) as response:
        chunks = response.iter_bytes()
        received = next(chunks)
        assert received.startswith(b"first\n")
        assert client.post("/echo/release").text == "released"
        received += b"".join(chunks)
    assert len(received) == len(b"first\n") + size
    assert received[6 : 6 + 32] == b"0123456789abcdef" * 2


def test_a_large_request_body_is_streamed_not_buffered(gateway: GatewayProcess) -> None:
    """The upload's remainder is only produced once the function has seen its first chunk."""
    block = bytes(range(256)) * 256
    headers = {"Authorization": f"Bearer {gateway.anon_key}"}

    async def upload() -> dict[str, object]:
        base = f"{gateway.url}/functions/v1/echo"
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=WAIT_SECONDS) as client:

            async def body() -> AsyncIterator[bytes]:
                yield block
                deadline = time.monotonic() + WAIT_SECONDS
                while not (await client.get("/upload-started")).json()["started"]:
                    assert time.monotonic() < deadline, "the function never saw the first chunk"
                    await asyncio.sleep(0.05)
                for _ in range(63):
                    yield block

            return (await client.post("/upload", content=body())).json()

    answer = asyncio.run(upload())
    assert answer == {"bytes": 64 * len(block), "sha256": hashlib.sha256(block * 64).hexdigest()}


def test_a_crashed_function_is_restarted_by_the_next_request(client: httpx.Client) -> None:
    before = client.post("/echo").json()["pid"]
    crashed = client.post("/echo/crash")
    assert (crashed.status_code, crashed.json()) == (500, WORKER_ERROR)
    after = client.post("/echo")
    assert after.status_code == 200
    assert after.json()["pid"] != before
    assert process_gone(before)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["stopped", "killed"])
def test_function_processes_end_with_the_gateway(
    cluster: Cluster, realtime_db: str, functions_project: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    gateway = functions_gateway_process(cluster, realtime_db, functions_project, tmp_path / "gateway.log")
    try:
        pid = httpx.post(f"{gateway.url}/functions/v1/open-echo").json()["pid"]
        assert not process_gone(pid)
    finally:
        gateway.stop(stop)
    eventually(lambda: process_gone(pid))
