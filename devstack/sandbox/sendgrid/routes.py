"""SendGrid's HTTP contract under /sendgrid: POST /v3/mail/send, the signed-webhook settings, page replies."""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from devstack.sandbox import callbacks
from devstack.sandbox.http import bearer_token, json_object
from devstack.sandbox.misbehaviour import maybe_misbehave
from devstack.sandbox.outcomes import UnknownOutcome
from devstack.sandbox.sendgrid import events, inbound
from devstack.sandbox.sendgrid.account import VERIFIED_DOMAIN, SendGridAccount
from devstack.sandbox.sendgrid.validation import EMAIL, Problem, problem, problems
from devstack.sandbox.state import Record, SandboxState

MAX_MESSAGE_BYTES = 30 * 1024 * 1024


def errors(status: int, *found: Problem) -> JSONResponse:
    return JSONResponse({"errors": list(found), "id": secrets.token_hex(8)}, status_code=status)


def recipients(body: dict[str, Any]) -> list[str]:
    kinds = ("to", "cc", "bcc")
    return [a["email"] for p in body["personalizations"] for k in kinds for a in p.get(k) or []]


class SendGridSandbox:
    """Mounted at /sendgrid, which is the SENDGRID_API_BASE the service is given."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.account = SendGridAccount.from_secrets(state.secrets)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/v3/mail/send", self.send_mail, methods=["POST"]),
            Route("/v3/user/webhooks/event/settings/signed", self.signing_settings, methods=["GET"]),
            Route("/_sandbox/reply", self.reply, methods=["POST"]),
        ]

    def _unauthorized(self, request: Request) -> Response | None:
        token = bearer_token(request)
        if token is None:
            return errors(401, problem("authorization required", None))
        if not secrets.compare_digest(token, self.account.api_key):
            return errors(
                401, problem("The provided authorization grant is invalid, expired, or revoked", None)
            )
        return None

    async def send_mail(self, request: Request) -> Response:
        refusal = self._unauthorized(request) or await maybe_misbehave(self.state)
        if refusal:
            return refusal
        if int(request.headers.get("content-length") or 0) > MAX_MESSAGE_BYTES:
            return errors(413, problem("content too large", None))
        body = await json_object(request)
        if body is None:
            return errors(400, problem("Bad Request", None))
        return self._refuse_content(body) or await self._accept(request, body)

    @staticmethod
    def _refuse_content(body: dict[str, Any]) -> Response | None:
        found = problems(body)
        if found:
            return errors(400, *found)
        if not str(body["from"]["email"]).lower().endswith("@" + VERIFIED_DOMAIN):
            message = "The from address does not match a verified Sender Identity."
            return errors(403, problem(message, "from"))
        return None

    async def _accept(self, request: Request, body: dict[str, Any]) -> Response:
        try:
            outcomes = {email: events.RULES.choose(self.state, request, email) for email in recipients(body)}
        except UnknownOutcome as error:
            return errors(400, problem(str(error), None))
        if body.get("mail_settings", {}).get("sandbox_mode", {}).get("enable"):
            return Response(status_code=200)  # validated, never delivered
        message_id = secrets.token_urlsafe(16)
        summary = f"{body.get('subject', '')} → {', '.join(outcomes)}"
        record = await self.state.add(
            "sendgrid", "email", summary, body, message_id=message_id, outcomes=outcomes
        )
        steps = events.batches(body, message_id, outcomes)
        callbacks.in_background(self.state, events.deliver(self.state, self.account, record, steps))
        return Response(status_code=202, headers={"X-Message-Id": message_id})

    async def signing_settings(self, request: Request) -> Response:
        """GET /v3/user/webhooks/event/settings/signed: where SendGrid hands out the Verification Key."""
        refusal = self._unauthorized(request)
        if refusal:
            return refusal
        return JSONResponse({"enabled": True, "public_key": self.account.public_key(), "id": "sandbox"})

    async def reply(self, request: Request) -> Response:
        """The page's reply form: {email_record_id?, from_email, from_name?, subject?, text, forged?}; a
        forged reply fails SPF and carries no DKIM signature, as a stranger's email in the contact's name."""
        form = await json_object(request) or {}
        record_id = str(form.get("email_record_id") or "")
        original = self.state.get(int(record_id)) if record_id.isdigit() else None
        reply = {**self._replying_to(original), **{k: v for k, v in form.items() if v}}
        if not EMAIL.match(str(reply.get("from_email", ""))) or not reply.get("text"):
            return JSONResponse({"error": "from_email (an address) and text are required"}, status_code=400)
        reply.setdefault("subject", "(no subject)")
        in_reply_to = f"<{original.details['message_id']}@ismtpd-sandbox>" if original else None
        fields = inbound.parse_form(reply, in_reply_to, forged=reply.get("forged") in (True, "on", "true"))
        record = await self.state.add(
            "sendgrid", "reply", f"{reply['from_email']}: {reply['subject']}", fields
        )
        callbacks.in_background(self.state, self._post_reply(record, fields))
        return JSONResponse({"record_id": record.id}, status_code=202)

    @staticmethod
    def _replying_to(original: Record | None) -> dict[str, str]:
        if original is None or original.kind != "email":
            return {}
        subject = original.payload.get("subject", "")
        return {"from_email": next(iter(original.details["outcomes"])), "subject": f"Re: {subject}"}

    async def _post_reply(self, record: Record, fields: dict[str, str]) -> None:
        await callbacks.pause(self.state)
        path = inbound.INBOUND_PATH.format(secret=self.account.inbound_secret)
        await callbacks.post(self.state, record, "inbound parse", path, files=inbound.multipart(fields))
