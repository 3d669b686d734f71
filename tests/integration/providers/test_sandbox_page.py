"""The sandbox's page shows what the providers received, updates live, and serves the env it hands out."""

from __future__ import annotations

import html

import requests

from devstack.sandbox.app import provider_environment
from devstack.sandbox.secrets import SecretSource
from devstack.sandbox.server import sandbox_environment, sandbox_seed
from devstack.state import StackState


def send_email(sandbox, html_body: str) -> None:
    body = {
        "personalizations": [{"to": [{"email": "asha@example.com"}]}],
        "from": {"email": "hello@coachbase.test"},
        "subject": "Welcome",
        "content": [
            {"type": "text/plain", "value": "plain words"},
            {"type": "text/html", "value": html_body},
        ],
    }
    headers = {"Authorization": f"Bearer {sandbox.env['SENDGRID_API_KEY']}"}
    requests.post(
        f"{sandbox.url}/sendgrid/v3/mail/send", json=body, headers=headers, timeout=5
    ).raise_for_status()


def test_emails_render_in_a_sandboxed_frame_with_their_text(sandbox):
    send_email(sandbox, "<p>Hello <script>alert(1)</script></p>")
    page = requests.get(sandbox.url, timeout=5).text
    assert '<iframe class="email" sandbox' in page
    assert f'srcdoc="{html.escape("<p>Hello <script>alert(1)</script></p>")}"' in page
    assert "<script>alert(1)</script>" not in page
    assert "plain words" in page


def test_calls_show_their_transcript_once_completed(sandbox, receiver):
    body = {
        "agent_id": sandbox.env["BOLNA_AGENT_ID"],
        "recipient_phone_number": "+919812345678",
        "user_data": {"first_name": "Asha"},
    }
    headers = {"Authorization": f"Bearer {sandbox.env['BOLNA_API_KEY']}"}
    requests.post(f"{sandbox.url}/bolna/call", json=body, headers=headers, timeout=5).raise_for_status()
    receiver.on("/webhooks/bolna/", 6)
    fragment = requests.get(f"{sandbox.url}/_sandbox/records", timeout=5).text
    assert "Transcript" in fragment
    assert "Namaste Asha" in fragment


def test_the_page_offers_the_contact_forms(sandbox):
    page = requests.get(sandbox.url, timeout=5).text
    assert 'action="/aisensy/_sandbox/inbound"' in page
    assert 'action="/sendgrid/_sandbox/reply"' in page


def test_the_stream_announces_changes(sandbox):
    with requests.get(f"{sandbox.url}/_sandbox/api/stream", stream=True, timeout=10) as stream:
        lines = stream.iter_lines(decode_unicode=True)
        assert next(lines).startswith("retry:")
        send_email(sandbox, "<p>hi</p>")
        assert "data: changed" in [next(lines) for _ in range(3)]


def test_unknown_behaviour_knobs_are_refused(sandbox):
    response = requests.put(f"{sandbox.url}/_sandbox/api/behaviour", json={"speed": 11}, timeout=5)
    assert response.status_code == 400


def test_the_stack_environment_matches_the_sandbox_it_serves():
    state = StackState(jwt_secret="a-stack-secret")
    env = sandbox_environment(state)
    assert env == provider_environment(SecretSource(sandbox_seed(state)), "http://127.0.0.1:54324")
    assert env["SENDGRID_API_BASE"] == "http://127.0.0.1:54324/sendgrid"
    assert env != sandbox_environment(StackState(jwt_secret="another-secret"))
