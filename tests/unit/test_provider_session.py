"""ProviderSession: what reaches the provider, which failures are retried, how errors are typed, and the
environment's proxy and CA settings read once, when the session is made."""

from __future__ import annotations

import base64
import io
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import certifi
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from automation.providers.errors import ProviderAPIError, ProviderUnavailable
from automation.providers.http import USER_AGENT, ProviderSession, json_object

PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
)


@dataclass
class Provider:
    """A local HTTP server that records each request (its request line's target as sent) and answers
    with the scripted (status, headers, body) replies in turn, then 200 with a JSON object."""

    replies: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)
    seen: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)
    answered: threading.Event = field(default_factory=threading.Event)  # set to let a held answer go
    hold: bool = False  # answer only once `answered` is set (or after 5 s)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {name.lower(): value for name, value in self.headers.items()}
                provider.seen.append((self.command, self.path, headers, body))
                if provider.hold:
                    provider.answered.wait(5)
                status, extra, reply = (
                    provider.replies.pop(0) if provider.replies else (200, {}, b'{"ok": true}')
                )
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **extra}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            do_GET = do_POST = do_PUT = answer

            def log_message(self, *_args: object) -> None:
                """Quiet: the test reads what arrived."""

        return Handler


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key: (certificate, key) PEM files in `folder`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "provider.test")])
    now = datetime.now(UTC)
    loopback = x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(loopback, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_file, key_file = folder / "provider.pem", folder / "provider.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


@pytest.fixture
def no_proxy_environment(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


@contextmanager
def serving(recorder: Provider, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """The recorder on a free port (over TLS with `tls`); yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), recorder.handler())
    server.handle_error = lambda *_: None  # type: ignore[method-assign] (a client that gave up: timeout, TLS)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def provider(no_proxy_environment) -> Iterator[tuple[Provider, str]]:
    recorder = Provider()
    with serving(recorder) as url:
        yield recorder, url


def test_a_call_goes_to_the_base_url_with_the_sessions_headers_and_its_own(provider):
    recorder, url = provider
    session = ProviderSession("phonepe", url + "/apis/pg/")
    session.headers["Authorization"] = "O-Bearer old"

    answer = session.call("GET", "/checkout/v2/order/R1/status", params={"details": "true", "skip": None},
                          headers={"authorization": "O-Bearer new"})  # fmt: skip

    method, target, headers, _ = recorder.seen[0]
    assert (method, target) == ("GET", "/apis/pg/checkout/v2/order/R1/status?details=true")
    assert headers["authorization"] == "O-Bearer new"
    assert headers["user-agent"] == USER_AGENT
    assert json_object("phonepe", answer) == {"ok": True}


def test_json_form_and_file_bodies_are_sent_with_their_type_and_length(provider):
    recorder, url = provider
    session = ProviderSession("sandbox", url)

    session.call("POST", "/json", json={"amount": 1250000})
    session.call("POST", "/form", data={"grant_type": "client_credentials", "client_version": "1"})
    session.call("POST", "/file", data=io.BytesIO(b"name,email\n"), headers={"Content-Type": "text/csv"})

    sent = {target: (headers["content-type"], headers["content-length"], body)
            for _, target, headers, body in recorder.seen}  # fmt: skip
    assert json.loads(sent["/json"][2]) == {"amount": 1250000}
    assert sent["/json"][0] == "application/json"
    assert sent["/form"] == (
        "application/x-www-form-urlencoded", "46", b"grant_type=client_credentials&client_version=1"
    )  # fmt: skip
    assert sent["/file"] == ("text/csv", "11", b"name,email\n")


def test_an_error_status_is_raised_with_the_providers_body_and_retry_after(provider):
    recorder, url = provider
    recorder.replies.append((429, {"Retry-After": "7"}, b'{"code": "TOO_MANY_REQUESTS"}'))

    with pytest.raises(ProviderAPIError) as raised:
        ProviderSession("aisensy", url).call("POST", "/campaign", json={})

    assert (raised.value.status, raised.value.retry_after, raised.value.retryable) == (429, 7.0, True)
    assert "TOO_MANY_REQUESTS" in raised.value.body


def test_a_read_is_retried_on_a_gateway_error_and_a_send_is_not(provider):
    recorder, url = provider
    session = ProviderSession("phonepe", url)
    recorder.replies.extend([(503, {}, b"busy"), (502, {}, b"bad gateway")])

    assert session.call("GET", "/status").json() == {"ok": True}
    assert len(recorder.seen) == 3

    recorder.replies.append((503, {}, b"busy"))
    with pytest.raises(ProviderAPIError) as raised:
        session.call("POST", "/pay", json={})
    assert raised.value.status == 503
    assert len(recorder.seen) == 4


def test_a_read_that_keeps_failing_raises_its_last_answer(provider):
    recorder, url = provider
    recorder.replies.extend([(503, {}, b"busy")] * 3)

    with pytest.raises(ProviderAPIError) as raised:
        ProviderSession("phonepe", url).call("GET", "/status")

    assert (raised.value.status, raised.value.body, len(recorder.seen)) == (503, "busy", 3)


def test_an_unreachable_provider_is_unavailable(no_proxy_environment):
    closed = ProviderSession("bolna", "http://127.0.0.1:9")

    with pytest.raises(ProviderUnavailable):
        closed.call("POST", "/call", json={})


def test_a_provider_slower_than_the_read_timeout_is_unavailable(provider):
    recorder, url = provider
    recorder.hold = True
    session = ProviderSession("sendgrid", url)
    session.timeout = (3.05, 0.2)

    with pytest.raises(ProviderUnavailable, match="timed out"):
        session.call("POST", "/v3/mail/send", json={})
    recorder.answered.set()
    assert session.timeout == (3.05, 0.2)
    assert len(recorder.seen) == 1  # a send is not retried after a timeout


def test_a_streamed_answer_is_read_in_chunks(provider):
    recorder, url = provider
    recorder.replies.append((200, {"Content-Type": "text/csv"}, b"a" * 10))

    recorder.replies.append((200, {"Content-Type": "text/csv"}, b"b" * 1_000_000))
    session = ProviderSession("supabase_storage", url)

    with session.call("GET", "/object", stream=True) as response:
        chunks = list(response.iter_content(4))
    with session.call("GET", "/other", stream=True) as response:
        first = next(response.iter_content(4))  # and left there

    assert chunks == [b"aaaa", b"aaaa", b"aa"]
    assert first == b"bbbb"
    assert session.call("GET", "/status").json() == {"ok": True}


def test_a_body_in_an_unknown_charset_reads_as_utf8(provider):
    recorder, url = provider
    recorder.replies.append((400, {"Content-Type": "text/plain; charset=klingon"}, "café".encode()))

    with pytest.raises(ProviderAPIError) as raised:
        ProviderSession("aisensy", url).call("POST", "/campaign", json={})

    assert raised.value.body == "café"


def test_requests_go_through_the_environment_proxy(no_proxy_environment, provider):
    recorder, proxy_url = provider
    no_proxy_environment.setenv("HTTP_PROXY", proxy_url)

    session = ProviderSession("phonepe", "http://api.phonepe.example/apis/pg")
    session.call("GET", "/status")

    assert session.proxy == proxy_url
    _, target, headers, _ = recorder.seen[0]
    assert target == "http://api.phonepe.example/apis/pg/status"
    assert headers["host"] == "api.phonepe.example"


def test_a_proxy_with_a_user_and_password_is_sent_them(no_proxy_environment, provider):
    recorder, proxy_url = provider
    no_proxy_environment.setenv("HTTP_PROXY", proxy_url.replace("http://", "http://ops:s%40fe@"))

    ProviderSession("phonepe", "http://api.phonepe.example").call("GET", "/status")

    assert recorder.seen[0][2]["proxy-authorization"] == "Basic " + base64.b64encode(b"ops:s@fe").decode()


def test_a_provider_listed_in_no_proxy_is_reached_directly(no_proxy_environment, provider):
    recorder, url = provider
    no_proxy_environment.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    no_proxy_environment.setenv("NO_PROXY", "127.0.0.1")

    session = ProviderSession("phonepe", url)
    session.call("GET", "/status")

    assert session.proxy is None
    assert recorder.seen[0][1] == "/status"


def test_the_environment_ca_bundle_verifies_the_provider(no_proxy_environment):
    no_proxy_environment.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/company.pem")

    session = ProviderSession("instamojo", "https://api.instamojo.example")

    assert session.ca_certs == "/etc/ssl/company.pem"
    assert session.pool.connection_from_url(session.base_url).ca_certs == "/etc/ssl/company.pem"
    no_proxy_environment.delenv("REQUESTS_CA_BUNDLE")
    assert ProviderSession("instamojo", "https://api.instamojo.example").ca_certs == certifi.where()


def test_tls_is_verified_against_the_environments_ca_bundle_or_certifis(no_proxy_environment, tmp_path):
    certificate, key = self_signed(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(certificate, key)
    recorder = Provider()
    with serving(recorder, tls) as url:
        with pytest.raises(ProviderUnavailable, match="CERTIFICATE_VERIFY_FAILED"):
            ProviderSession("instamojo", url).call("GET", "/status")
        no_proxy_environment.setenv("REQUESTS_CA_BUNDLE", str(certificate))
        assert ProviderSession("instamojo", url).call("GET", "/status").json() == {"ok": True}
    assert [target for _, target, _, _ in recorder.seen] == ["/status"]


def test_a_netrc_entry_never_replaces_the_providers_authorization(no_proxy_environment, provider, tmp_path):
    recorder, url = provider
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password secret\n")
    netrc.chmod(0o600)
    no_proxy_environment.setenv("NETRC", str(netrc))
    session = ProviderSession("sendgrid", url)
    session.headers["Authorization"] = "Bearer key"

    session.call("POST", "/v3/mail/send", json={})

    assert recorder.seen[0][2]["authorization"] == "Bearer key"
