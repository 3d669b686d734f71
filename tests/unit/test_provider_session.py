"""ProviderSession reads the environment's proxy and CA settings once, when it is made."""

from __future__ import annotations

import pytest
import requests

from automation.providers.http import ProviderSession


@pytest.fixture
def no_proxy_environment(monkeypatch):
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "REQUESTS_CA_BUNDLE",
        "CURL_CA_BUNDLE",
    ):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


def test_the_environment_proxy_is_used_for_the_provider(no_proxy_environment):
    no_proxy_environment.setenv("HTTPS_PROXY", "http://proxy.internal:3128")

    session = ProviderSession("phonepe", "https://api.phonepe.example/apis/pg")

    assert session.proxies == {"https": "http://proxy.internal:3128"}
    assert session.trust_env is False


def test_a_provider_listed_in_no_proxy_is_reached_directly(no_proxy_environment):
    no_proxy_environment.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    no_proxy_environment.setenv("NO_PROXY", "api.phonepe.example")

    assert ProviderSession("phonepe", "https://api.phonepe.example/apis/pg").proxies == {}


def test_the_environment_ca_bundle_verifies_the_provider(no_proxy_environment):
    no_proxy_environment.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/company.pem")

    assert ProviderSession("instamojo", "https://api.instamojo.example").verify == "/etc/ssl/company.pem"
    no_proxy_environment.delenv("REQUESTS_CA_BUNDLE")
    assert ProviderSession("instamojo", "https://api.instamojo.example").verify is True


def test_a_netrc_entry_never_replaces_the_providers_authorization(no_proxy_environment, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine api.sendgrid.example login someone password secret\n")
    netrc.chmod(0o600)
    no_proxy_environment.setenv("NETRC", str(netrc))
    session = ProviderSession("sendgrid", "https://api.sendgrid.example")
    session.headers["Authorization"] = "Bearer key"
    prepared = session.prepare_request(requests.Request("POST", "https://api.sendgrid.example/v3/mail/send"))
    assert prepared.headers["Authorization"] == "Bearer key"
