"""A minimal stand-in for SendGrid's v3 mail API over real HTTP, for tests that read sent emails.

It checks what shared/providers.md section 1 requires of POST /v3/mail/send (its Bearer key,
`personalizations[].to[].email`, `from.email`, a subject, text/plain content before text/html),
answers like SendGrid (202, empty body, X-Message-Id; 400/401 with an `errors` list) and keeps
every accepted message.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.gateway import free_port_socket, serving


@dataclass
class Inbox:
    """Messages accepted so far (request bodies), oldest first."""

    messages: list[dict[str, Any]] = field(default_factory=list)

    def to(self, address: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if address in (r["email"] for r in m["personalizations"][0]["to"])]

    def last_to(self, address: str) -> dict[str, Any]:
        found = self.to(address)
        assert found, f"no email was sent to {address}"
        return found[-1]

    @staticmethod
    def text(message: dict[str, Any]) -> str:
        return next(part["value"] for part in message["content"] if part["type"] == "text/plain")

    def link_to(self, address: str) -> str:
        """The verify link of the last email to `address`."""
        return re.search(r"https?://\S+/verify\?\S+", self.text(self.last_to(address))).group(0)

    def code_to(self, address: str) -> str:
        """The one-time code of the last email to `address`."""
        return re.search(r"code: (\d+)", self.text(self.last_to(address))).group(1)


def _problem(message: str, field_name: str | None, status: int = 400) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message, "field": field_name}]}, status_code=status)


def _recipients_given(body: dict[str, Any]) -> bool:
    people = [item.get("to") if isinstance(item, dict) else None for item in body["personalizations"]]
    return all(
        isinstance(to, list) and to and all(isinstance(r, dict) and r.get("email") for r in to)
        for to in people
    )


def _plain_text_first(body: dict[str, Any]) -> bool:
    types = [part.get("type") for part in body.get("content") or []]
    return not ("text/html" in types and "text/plain" in types) or types.index("text/plain") < types.index(
        "text/html"
    )


# (check, message, field) in the order SendGrid reports them.
_RULES = [
    (
        lambda b: isinstance(b.get("personalizations"), list) and b["personalizations"],
        "The personalizations field is required.",
        "personalizations",
    ),
    (_recipients_given, "The to array is required for all personalization objects.", "personalizations.to"),
    (
        lambda b: isinstance(b.get("from"), dict) and b["from"].get("email"),
        "The from object must be provided.",
        "from",
    ),
    (lambda b: b.get("subject") or b.get("template_id"), "The subject is required.", "subject"),
    (_plain_text_first, "If present, text/plain must be first, followed by text/html.", "content"),
]


def _shape_error(body: Any) -> Response | None:
    if not isinstance(body, dict):
        return _problem("Bad Request", None)
    for check, message, field_name in _RULES:
        if not check(body):
            return _problem(message, field_name)
    return None


def receiver_app(inbox: Inbox, api_key: str) -> Starlette:
    async def send(request: Request) -> Response:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        if scheme != "Bearer" or not key:
            return _problem("authorization required", None, 401)
        if not secrets.compare_digest(key, api_key):
            return _problem("The provided authorization grant is invalid, expired, or revoked", None, 401)
        body = await request.json()
        refusal = _shape_error(body)
        if refusal is not None:
            return refusal
        inbox.messages.append(body)
        return Response(status_code=202, headers={"X-Message-Id": secrets.token_urlsafe(16)})

    return Starlette(routes=[Route("/v3/mail/send", send, methods=["POST"])])


@contextmanager
def running_receiver(api_key: str) -> Iterator[tuple[str, Inbox]]:
    """Serve the receiver, accepting only `api_key`, on a free port; yields (base URL, inbox)."""
    inbox = Inbox()
    sock, port = free_port_socket()
    with serving(receiver_app(inbox, api_key), sock):
        yield f"http://127.0.0.1:{port}", inbox
